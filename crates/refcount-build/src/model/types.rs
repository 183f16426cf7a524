//! C++ types as the wrapper sees them: a base (a scalar, a string, a class by name)
//! with its qualifiers and indirection. The text form (`const std::string&`) is what
//! `wrapper.toml` and the one-line answers write; the header reader builds values.

use std::fmt;
use std::str::FromStr;

/// A built-in scalar type, with fixed size on every platform the kit targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Scalar {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    Usize,
    F32,
    F64,
}

impl Scalar {
    /// The scalar a C++ spelling names (`unsigned int`, `std::uint64_t`, `size_t`).
    pub fn from_cpp(spelling: &str) -> Option<Scalar> {
        use Scalar::*;
        let name = spelling.strip_prefix("std::").unwrap_or(spelling);
        Some(match name {
            "bool" => Bool,
            "signed char" | "int8_t" => I8,
            "unsigned char" | "uint8_t" => U8,
            "short" | "short int" | "signed short" | "signed short int" | "int16_t" => I16,
            "unsigned short" | "unsigned short int" | "uint16_t" => U16,
            "int" | "signed" | "signed int" | "int32_t" => I32,
            "unsigned" | "unsigned int" | "uint32_t" => U32,
            "long" | "long int" | "signed long" | "long long" | "long long int"
            | "signed long long" | "int64_t" | "ptrdiff_t" | "intptr_t" | "ssize_t" => I64,
            "unsigned long"
            | "unsigned long int"
            | "unsigned long long"
            | "unsigned long long int"
            | "uint64_t"
            | "uintptr_t" => U64,
            "size_t" => Usize,
            "float" => F32,
            "double" => F64,
            _ => return None,
        })
    }

    /// The Rust type.
    pub fn rust(self) -> &'static str {
        use Scalar::*;
        match self {
            Bool => "bool",
            I8 => "i8",
            U8 => "u8",
            I16 => "i16",
            U16 => "u16",
            I32 => "i32",
            U32 => "u32",
            I64 => "i64",
            U64 => "u64",
            Usize => "usize",
            F32 => "f32",
            F64 => "f64",
        }
    }

    /// The C++ type cxx pairs with [`Scalar::rust`].
    pub fn cpp(self) -> &'static str {
        use Scalar::*;
        match self {
            Bool => "bool",
            I8 => "std::int8_t",
            U8 => "std::uint8_t",
            I16 => "std::int16_t",
            U16 => "std::uint16_t",
            I32 => "std::int32_t",
            U32 => "std::uint32_t",
            I64 => "std::int64_t",
            U64 => "std::uint64_t",
            Usize => "std::size_t",
            F32 => "float",
            F64 => "double",
        }
    }
}

/// What a type is made of, before qualifiers and indirection.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Base {
    /// `void`.
    Void,
    /// A scalar, as written (kept for printing it back).
    Scalar(Scalar, String),
    /// `std::string`.
    StdString,
    /// `char` (a C string when behind a pointer).
    Char,
    /// `std::vector` of an element type (`std::vector<int>`).
    Vector(Box<CppType>),
    /// `std::unique_ptr` of a type, with the default deleter.
    UniquePtr(Box<CppType>),
    /// Any other class template with its type arguments (`geo::ref<shape>`,
    /// `boost::intrusive_ptr<node>`): an intrusive smart pointer when its template
    /// is one (`Wrapper::smart_pointers`), else refused.
    Template(String, Vec<CppType>),
    /// Any other named type: one of the wrapped classes, or one the bridge refuses.
    Named(String),
}

/// How a type is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Indirection {
    /// By value.
    Value,
    /// Through `n` pointers.
    Pointer(u8),
    /// Through an lvalue reference.
    Reference,
    /// Through an rvalue reference (`&&`).
    RValue,
}

/// A C++ type: `const shape*`, `std::string`, `double`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CppType {
    /// What the type is made of.
    pub base: Base,
    /// `const` on what is pointed to (or on the value).
    pub is_const: bool,
    /// How it is reached.
    pub indirection: Indirection,
}

/// The words of C++'s built-in types, which are never a parameter's name.
pub const TYPE_WORDS: &[&str] = &[
    "const", "volatile", "unsigned", "signed", "short", "long", "int", "char", "bool", "float",
    "double", "void",
];

impl CppType {
    /// A type reached by value.
    pub fn value(base: Base) -> CppType {
        CppType {
            base,
            is_const: false,
            indirection: Indirection::Value,
        }
    }

    /// The type by what it means, not how it is spelled (`size_t` and `unsigned long`
    /// are one type here): what tells two answers for one C++ member apart.
    pub fn key(&self) -> String {
        match &self.base {
            Base::Scalar(scalar, _) => CppType {
                base: Base::Scalar(*scalar, scalar.rust().to_owned()),
                ..self.clone()
            }
            .to_string(),
            _ => self.to_string(),
        }
    }

    /// The named class this type reaches, if its base is a name.
    pub fn named(&self) -> Option<&str> {
        match &self.base {
            Base::Named(name) => Some(name),
            _ => None,
        }
    }

    /// The pointee of a const pointer to characters or bytes: `char`, `void`,
    /// `std::uint8_t`, `std::int8_t`.
    pub fn byte_pointee(&self) -> Option<&'static str> {
        if !self.is_const || self.indirection != Indirection::Pointer(1) {
            return None;
        }
        match &self.base {
            Base::Char => Some("char"),
            Base::Void => Some("void"),
            Base::Scalar(byte @ (Scalar::U8 | Scalar::I8), _) => Some(byte.cpp()),
            _ => None,
        }
    }

    /// Adds every name of a type this type is made of to `names`: its own, and its
    /// template arguments' (`std::vector<point>`, `geo::ref<shape>`).
    pub fn names<'a>(&'a self, names: &mut Vec<&'a str>) {
        match &self.base {
            Base::Named(name) => names.push(name),
            Base::Vector(element) | Base::UniquePtr(element) => element.names(names),
            Base::Template(name, arguments) => {
                names.push(name);
                for argument in arguments {
                    argument.names(names);
                }
            }
            _ => {}
        }
    }
}

impl FromStr for CppType {
    type Err = String;

    /// Reads `const std::string&`, `shape*`, `unsigned long`; `Err` says why not.
    fn from_str(text: &str) -> Result<CppType, String> {
        // A template's arguments are read on their own: `std::vector<const char*>`.
        let mut arguments = None;
        let mut text = text.to_owned();
        // The outermost: the first in the text.
        let template = text.find('<').map(|open| {
            let start = text[..open]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(0, |i| i + 1);
            (start, text[start..open].to_owned())
        });
        if let Some((start, template)) = template.filter(|(_, name)| !name.is_empty()) {
            let open = start + template.len();
            let mut depth = 0;
            let close = text[open..]
                .char_indices()
                .find_map(|(i, c)| {
                    match c {
                        '<' => depth += 1,
                        '>' => depth -= 1,
                        _ => {}
                    }
                    (depth == 0).then_some(open + i)
                })
                .ok_or_else(|| format!("a `{template}<` that is never closed"))?;
            let inside = &text[open + 1..close];
            let parsed: Vec<CppType> = split_outside(inside, ',')
                .iter()
                .map(|argument| argument.trim().parse())
                .collect::<Result<_, String>>()
                .map_err(|why| format!("a `{template}` of {why}"))?;
            arguments = Some(parsed);
            text.replace_range(start..=close, &template);
        }
        let spaced = text.replace('*', " * ").replace('&', " & ");
        let mut base = Vec::new();
        let (mut is_const, mut pointers, mut references) = (false, 0u8, 0u8);
        for word in spaced.split_whitespace() {
            match word {
                "*" => pointers = pointers.saturating_add(1),
                "&" => references = references.saturating_add(1),
                "const" if pointers == 0 => is_const = true,
                "const" => {}
                "volatile" => return Err("a `volatile` type".to_owned()),
                _ => base.push(word),
            }
        }
        let name = base.join(" ");
        let name = name.strip_prefix("::").unwrap_or(&name).to_owned();
        if name.is_empty() {
            return Err("a type with no name".to_owned());
        }
        let indirection = match (pointers, references) {
            (0, 0) => Indirection::Value,
            (n, 0) => Indirection::Pointer(n),
            (0, 1) => Indirection::Reference,
            (0, 2) => Indirection::RValue,
            _ => return Err("a pointer and a reference at once".to_owned()),
        };
        let base = match (name.as_str(), arguments) {
            // The element, without an allocator.
            ("std::vector", Some(mut arguments)) => Base::Vector(Box::new(arguments.remove(0))),
            ("std::unique_ptr", Some(mut arguments)) if arguments.len() == 1 => {
                Base::UniquePtr(Box::new(arguments.remove(0)))
            }
            ("std::vector" | "std::unique_ptr", _) => {
                return Err(format!("a `{name}` without its argument"))
            }
            (_, Some(arguments)) => Base::Template(name, arguments),
            ("void", None) => Base::Void,
            ("std::string" | "string", None) => Base::StdString,
            ("char", None) => Base::Char,
            (_, None) => match Scalar::from_cpp(&name) {
                Some(scalar) => Base::Scalar(scalar, name),
                None => Base::Named(name),
            },
        };
        Ok(CppType {
            base,
            is_const,
            indirection,
        })
    }
}

impl fmt::Display for CppType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_const {
            f.write_str("const ")?;
        }
        match &self.base {
            Base::Void => f.write_str("void")?,
            Base::Scalar(_, spelled) => f.write_str(spelled)?,
            Base::StdString => f.write_str("std::string")?,
            Base::Char => f.write_str("char")?,
            Base::Vector(element) => write!(f, "std::vector<{element}>")?,
            Base::UniquePtr(element) => write!(f, "std::unique_ptr<{element}>")?,
            Base::Template(name, arguments) => {
                let arguments: Vec<String> = arguments.iter().map(ToString::to_string).collect();
                write!(f, "{name}<{}>", arguments.join(", "))?
            }
            Base::Named(name) => f.write_str(name)?,
        }
        match self.indirection {
            Indirection::Value => Ok(()),
            Indirection::Pointer(n) => f.write_str(&"*".repeat(n.into())),
            Indirection::Reference => f.write_str("&"),
            Indirection::RValue => f.write_str("&&"),
        }
    }
}

/// A parameter: its type, and its name when the answer gives one.
///
/// Written `[out] [kept] [steals] TYPE [NAME] [= DEFAULT]`: `out int* width` is written by the
/// member, not read (the Rust function returns it); `bool pretty = true` may be left
/// out of a call (the Rust type gets a short form without it).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Param {
    /// The type.
    pub ty: CppType,
    /// The C++ name, if any.
    pub name: Option<String>,
    /// An out-parameter: a pointer or reference to a scalar the member writes.
    pub out: bool,
    /// The default argument, as the header spells it.
    pub default: Option<String>,
    /// A pointer to characters or bytes the callee may keep after the call returns
    /// (`kept const char* text`): the memory must outlive what keeps it, which safe
    /// Rust cannot check, so the Rust function is `unsafe` and takes the caller's own
    /// memory (`&CStr`, `&[u8]`), never a copy that dies with the call.
    pub kept: bool,
    /// An object whose reference the callee takes over (`steals json_t* value`, C
    /// only): the Rust function takes the object by value and gives its reference
    /// up to the call.
    pub steals: bool,
}

impl Param {
    /// A parameter of type `ty`, named `name`, neither out nor defaulted.
    pub fn new(ty: CppType, name: Option<String>) -> Param {
        Param {
            ty,
            name,
            out: false,
            default: None,
            kept: false,
            steals: false,
        }
    }

    /// A const pointer to characters or bytes (`const char*`, `const void*`, `const
    /// uint8_t*`): what a callee may keep pointing into.
    pub fn points_to_bytes(&self) -> bool {
        self.byte_pointee().is_some()
    }

    /// The pointee of a const pointer to characters or bytes that is no
    /// out-parameter ([`CppType::byte_pointee`]).
    pub fn byte_pointee(&self) -> Option<&'static str> {
        self.ty.byte_pointee().filter(|_| !self.out)
    }
}

/// The pointee (`char`, `void`, `std::uint8_t`) and the size type of a `(const
/// char* data, int length)` buffer at the start of `params`, if one is there: a
/// const pointer to bytes, then an integer named as a size (`len`, `size`, `length`,
/// `count`, `bytes`, `n`, alone or in a name such as `file_data_length`).
pub fn buffer_at(params: &[Param]) -> Option<(&'static str, Scalar)> {
    let [data, size, ..] = params else {
        return None;
    };
    let pointee = data.byte_pointee()?;
    let Base::Scalar(scalar, spelled) = &size.ty.base else {
        return None;
    };
    let integer = !matches!(scalar, Scalar::Bool | Scalar::F32 | Scalar::F64)
        && size.ty.indirection == Indirection::Value
        && !size.out;
    // A size by its name (`len`, `nByte`), or an unnamed `size_t` (libmagic's
    // `magic_buffer(magic_t, const void*, size_t)`).
    let sized = match size.name.as_deref() {
        Some(name) => crate::naming::names_a_size(name),
        None => spelled == "size_t",
    };
    (integer && sized).then_some((pointee, *scalar))
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.out {
            f.write_str("out ")?;
        }
        if self.kept {
            f.write_str("kept ")?;
        }
        if self.steals {
            f.write_str("steals ")?;
        }
        write!(f, "{}", self.ty)?;
        if let Some(name) = &self.name {
            write!(f, " {name}")?;
        }
        if let Some(default) = &self.default {
            write!(f, " = {default}")?;
        }
        Ok(())
    }
}

/// `text` split at each `sep` outside brackets of any kind (`<>`, `()`, `{}`, `[]`).
fn split_outside(text: &str, sep: char) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut current) = (0i32, String::new());
    for ch in text.chars() {
        match ch {
            '<' | '(' | '{' | '[' => depth += 1,
            '>' | ')' | '}' | ']' => depth -= 1,
            c if c == sep && depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    parts.push(current);
    parts
}

/// Whether `text` is a C++ identifier.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A parameter list, `int count, const std::string&`; `Err` names an empty one.
pub fn parse_params(text: &str) -> Result<Vec<Param>, String> {
    let text = text.trim();
    if text.is_empty() || text == "void" {
        return Ok(Vec::new());
    }
    split_outside(text, ',')
        .iter()
        .enumerate()
        .map(|(i, part)| {
            let (part, default) = match part.split_once('=') {
                Some((part, default)) if !default.trim().is_empty() => {
                    (part.trim(), Some(default.trim().to_owned()))
                }
                Some(_) => return Err(format!("parameter {}'s default is empty", i + 1)),
                None => (part.trim(), None),
            };
            let (part, out) = match part.strip_prefix("out ") {
                Some(rest) => (rest.trim(), true),
                None => (part, false),
            };
            let (part, kept) = match part.strip_prefix("kept ") {
                Some(rest) => (rest.trim(), true),
                None => (part, false),
            };
            let (part, steals) = match part.strip_prefix("steals ") {
                Some(rest) => (rest.trim(), true),
                None => (part, false),
            };
            if part.is_empty() {
                return Err(format!("parameter {} is empty", i + 1));
            }
            // A name is a last word that is an identifier and no type word, after at
            // least one word of type.
            let spaced = part.replace('*', " * ").replace('&', " & ");
            let words: Vec<&str> = spaced.split_whitespace().collect();
            let last = words[words.len() - 1];
            // `const size_t` is a type: a name needs a word of type before it.
            let typed = words[..words.len() - 1]
                .iter()
                .any(|w| !["const", "volatile", "*", "&"].contains(w));
            let named = typed && is_identifier(last) && !TYPE_WORDS.contains(&last);
            let (ty, name) = if named {
                (&part[..part.len() - last.len()], Some(last.to_owned()))
            } else {
                (part, None)
            };
            let ty = ty
                .parse()
                .map_err(|why| format!("parameter {}: {why}", i + 1))?;
            let param = Param {
                ty,
                name,
                out,
                default,
                kept,
                steals,
            };
            if steals && (out || kept || param.ty.indirection != Indirection::Pointer(1)) {
                return Err(format!(
                    "parameter {} `steals`, but is no pointer to an object (`steals T* name`)",
                    i + 1
                ));
            }
            if kept && !param.points_to_bytes() {
                return Err(format!(
                    "parameter {} is `kept` but no const pointer to characters or bytes",
                    i + 1
                ));
            }
            Ok(param)
        })
        .collect()
}

/// The parameters before the first that has a default (a call may stop there), if
/// one has.
pub fn without_defaults(params: &[Param]) -> Option<&[Param]> {
    let first = params.iter().position(|p| p.default.is_some())?;
    Some(&params[..first])
}

/// `params` as an answer writes them: `double width, double height`.
pub fn show_params(params: &[Param]) -> String {
    params
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_buffer_is_bytes_then_a_size_named_so_or_an_unnamed_size_t() {
        let params = |text: &[&str]| -> Vec<Param> {
            let method: crate::model::Method = format!("t.f({})", text.join(", ")).parse().unwrap();
            method.params
        };
        assert!(buffer_at(&params(&["const void* data", "size_t len"])).is_some());
        assert!(buffer_at(&params(&["const void*", "size_t"])).is_some());
        // An unnamed integer of another type, or a named one that is no size, is not.
        assert!(buffer_at(&params(&["const void*", "int"])).is_none());
        assert!(buffer_at(&params(&["const void* data", "size_t flags"])).is_none());
    }

    #[test]
    fn types_print_back_as_they_are_read() {
        for text in [
            "const std::string&",
            "shape*",
            "unsigned long",
            "const char*",
            "int&&",
            "const std::vector<int>&",
            "std::vector<const char*>",
            "std::vector<std::vector<double>>",
            "std::unique_ptr<shape>",
            "std::unique_ptr<std::vector<int>>",
        ] {
            assert_eq!(text.parse::<CppType>().unwrap().to_string(), text);
        }
        assert!("".parse::<CppType>().is_err());
        assert!("int*&".parse::<CppType>().is_err());
    }

    #[test]
    fn a_parameter_name_is_a_last_identifier_after_a_type() {
        let params = parse_params("const std::string& name, unsigned int, shape* s").unwrap();
        assert_eq!(params[0].name.as_deref(), Some("name"));
        assert_eq!(params[1].name, None);
        assert_eq!(
            params[1].ty.base,
            Base::Scalar(Scalar::U32, "unsigned int".into())
        );
        assert_eq!(params[2].ty.named(), Some("shape"));
        assert_eq!(
            show_params(&params),
            "const std::string& name, unsigned int, shape* s"
        );
        assert!(parse_params("int, ,int").is_err());
    }

    #[test]
    fn out_parameters_and_defaults_are_read_and_printed_back() {
        let text = "out int* width, out int& height, double x = 0.0, const std::string& s = std::string(1, ',')";
        let params = parse_params(text).unwrap();
        assert!(params[0].out && params[1].out && !params[2].out);
        assert_eq!(params[1].name.as_deref(), Some("height"));
        assert_eq!(params[2].default.as_deref(), Some("0.0"));
        assert_eq!(params[3].default.as_deref(), Some("std::string(1, ',')"));
        assert_eq!(show_params(&params), text);
        assert!(parse_params("int x =").is_err());
    }
}
