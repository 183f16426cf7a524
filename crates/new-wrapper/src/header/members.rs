//! The public constructors and methods of the classes, as the model's values, and
//! the report of the members left out. Whether a member can be bound is the plan's
//! to say (`refcount_build::Plan`): each is tried beside those accepted before it.

use std::collections::BTreeSet;

use clang::{Accessibility, Availability, Entity, EntityKind, ExceptionSpecification};
use refcount_build::model::{
    self, buffer_at, without_defaults, Constructor, CppType, Library, Method, Param, Returns,
    Wrapper,
};
use refcount_build::naming::{asks_to_keep, join, names_a_size, rust_name, Scope};
use refcount_build::{Plan, Refusal};

use super::comments;
use super::types::cpp_type;
use super::walk::{Class, Classes};

/// The public member functions of `class` and of its public bases (a derived
/// class's own come first, and hide a base's of the same signature).
pub(crate) fn public_methods(class: Entity) -> Vec<Entity> {
    let mut found = Vec::new();
    let mut seen = BTreeSet::new();
    let mut pending = vec![class];
    while let Some(scope) = pending.pop() {
        for child in scope.get_children() {
            let public = child.get_accessibility() == Some(Accessibility::Public);
            match child.get_kind() {
                EntityKind::Method
                | EntityKind::FunctionTemplate
                | EntityKind::ConversionFunction
                    if public && seen.insert(signature(child)) =>
                {
                    found.push(child);
                }
                EntityKind::BaseSpecifier if public => {
                    if let Some(base) = child
                        .get_type()
                        .and_then(|ty| ty.get_declaration())
                        .and_then(|decl| decl.get_definition())
                    {
                        pending.insert(0, base);
                    }
                }
                _ => {}
            }
        }
    }
    found
}

/// A member function's name, parameter types and constness: what a derived class's
/// function hides of a base's.
fn signature(function: Entity) -> String {
    let constness = if function.is_const_method() {
        " const"
    } else {
        ""
    };
    format!(
        "{}{constness}",
        function.get_display_name().unwrap_or_default()
    )
}

/// The model's classes and methods of `classes`, adding what is left out to `skipped`.
pub(crate) fn describe(
    classes: &Classes,
    namespace: &str,
    request: &super::Request,
    skipped: &mut Vec<String>,
) -> Described {
    let mut wrapper = Wrapper {
        language: Default::default(),
        statuses: Vec::new(),
        string_free: None,
        error_callback: None,
        inline: Vec::new(),
        inline_calls: Vec::new(),
        namespace: namespace.to_owned(),
        headers: Vec::new(),
        classes: classes.list.iter().map(|c| class_of(c, classes)).collect(),
        methods: Vec::new(),
        enums: Vec::new(),
        strings: request.strings.clone(),
        smart_pointers: request.smart_pointers.clone(),
        system_packages: Vec::new(),
        library: Library::PkgConfig {
            package: String::new(),
        },
    };
    for (i, class) in classes.list.iter().enumerate() {
        if class.given.is_none() && class.ownership != model::Ownership::View {
            constructors(class, classes, &mut wrapper, i, skipped);
        }
    }
    for class in &classes.list {
        for method in public_methods(class.entity) {
            let what = format!(
                "{}::{}",
                class.name,
                method.get_display_name().unwrap_or_default()
            );
            match function_of(Some(class), method, classes) {
                Ok(Some(read)) => bind(&mut wrapper, read, &what, classes, skipped),
                Ok(None) => {}
                Err(why) => skipped.push(format!("{what}: {why}")),
            }
        }
    }
    for function in &classes.functions {
        let what = format!(
            "{}::{}",
            classes.namespace,
            function.get_display_name().unwrap_or_default()
        );
        match function_of(None, *function, classes) {
            Ok(Some(read)) => bind(&mut wrapper, read, &what, classes, skipped),
            Ok(None) => {}
            // Only a function that would make a wrapped class's object is worth a
            // line: the namespace's other functions are no factories.
            Err(why) if makes_a_class(*function, classes) => skipped.push(format!("{what}: {why}")),
            Err(_) => {}
        }
    }
    Described {
        classes: wrapper.classes,
        methods: wrapper.methods,
        enums: wrapper.enums,
        smart_pointers: wrapper
            .smart_pointers
            .into_iter()
            .filter(|name| !request.smart_pointers.contains(name))
            .collect(),
    }
}

/// Adds a method read (with why its parameters were cut short, if they were) to
/// `wrapper`'s methods, with the enums and smart pointers it names, if it can be
/// bound; else its form without its defaulted parameters, if that can (what a
/// default stands for may not be bindable); else says why not in `skipped`.
fn bind(
    wrapper: &mut Wrapper,
    (candidate, cut): (Method, Option<String>),
    what: &str,
    classes: &Classes,
    skipped: &mut Vec<String>,
) {
    if let Some(why) = cut {
        skipped.push(format!("{what} with its defaulted arguments: {why}"));
    }
    sync_smart_pointers(wrapper, classes);
    let needed = |method: &Method, wrapper: &Wrapper| {
        missing_enums(wrapper, &method.params, Some(&method.returns.ty), classes)
    };
    let enums = needed(&candidate, wrapper);
    let refusal = match Plan::check_method_with(wrapper, &candidate, &enums) {
        Ok(()) => {
            wrapper.enums.extend(enums);
            wrapper.methods.push(candidate);
            return;
        }
        Err(refusal) => refusal,
    };
    if let Some(params) = without_defaults(&candidate.params) {
        let short = Method {
            params: params.to_vec(),
            ..candidate.clone()
        };
        let enums = needed(&short, wrapper);
        if Plan::check_method_with(wrapper, &short, &enums).is_ok() {
            wrapper.enums.extend(enums);
            skipped.push(format!(
                "{what} with its defaulted arguments: {}",
                refusal.allowed
            ));
            wrapper.methods.push(short);
            return;
        }
    }
    skipped.push(format!("{what}: {}", refusal.allowed));
}

/// Whether a function's result names one of the wrapped classes.
fn makes_a_class(function: Entity, classes: &Classes) -> bool {
    let Some(ty) = function
        .get_result_type()
        .and_then(|result| cpp_type(result, classes).ok())
    else {
        return false;
    };
    let mut names = Vec::new();
    ty.names(&mut names);
    names
        .iter()
        .any(|name| classes.list.iter().any(|c| c.name == *name))
}

/// What [`describe`] finds.
pub(crate) struct Described {
    pub(crate) classes: Vec<model::Class>,
    pub(crate) methods: Vec<Method>,
    pub(crate) enums: Vec<model::Enum>,
    /// The intrusive smart pointers found (beyond those the request answered).
    pub(crate) smart_pointers: Vec<String>,
}

/// Adds the intrusive smart pointers the types read so far name to `wrapper`'s.
fn sync_smart_pointers(wrapper: &mut Wrapper, classes: &Classes) {
    for name in classes.smart_pointers.borrow().iter() {
        if !wrapper.smart_pointers.contains(name) {
            wrapper.smart_pointers.push(name.clone());
        }
    }
}

/// The enums that `params` and `returns` name and `wrapper` lacks.
fn missing_enums(
    wrapper: &Wrapper,
    params: &[Param],
    returns: Option<&CppType>,
    classes: &Classes,
) -> Vec<model::Enum> {
    let known = classes.enums.borrow();
    let mut missing: Vec<model::Enum> = Vec::new();
    let named = params
        .iter()
        .map(|p| &p.ty)
        .chain(returns)
        .filter_map(CppType::named);
    for name in named {
        if let Some(found) = known.get(name) {
            let has = |e: &model::Enum| e.cpp == found.cpp;
            if !wrapper.enums.iter().any(has) && !missing.iter().any(has) {
                missing.push(found.clone());
            }
        }
    }
    missing
}

/// Whether a value of class `class` can be copied or moved into a new object: a
/// public copy or move constructor, or none declared (the implicit ones).
fn movable(class: Entity) -> bool {
    let declared: Vec<Entity> = class
        .get_children()
        .into_iter()
        .filter(|c| {
            c.get_kind() == EntityKind::Constructor
                && (c.is_copy_constructor() || c.is_move_constructor())
        })
        .collect();
    declared.is_empty()
        || declared.iter().any(|c| {
            c.get_accessibility() == Some(Accessibility::Public)
                && c.get_availability() != Availability::Unavailable
        })
}

/// A word for a type in a name: `i32`, `str`, `shape`.
fn type_word(ty: &CppType) -> String {
    match &ty.base {
        model::Base::Scalar(scalar, _) => scalar.rust().to_owned(),
        model::Base::StdString | model::Base::Char => "str".to_owned(),
        model::Base::Void => "ptr".to_owned(),
        model::Base::Named(name) => rust_name(name.rsplit("::").next().unwrap_or(name), &[]),
        model::Base::Vector(element) => format!("{}s", type_word(element)),
        model::Base::UniquePtr(element) => type_word(element),
        model::Base::Template(name, _) => rust_name(name.rsplit("::").next().unwrap_or(name), &[]),
    }
}

/// The class as the model holds it, before its constructors are read.
fn class_of(class: &Class, classes: &Classes) -> model::Class {
    // Its direct public bases among the classes wrapped, when both can lend views.
    let viewable = |c: &Class| matches!(c.ownership.kind(), "unique" | "view");
    let bases: Vec<String> = class
        .entity
        .get_children()
        .into_iter()
        .filter(|child| {
            child.get_kind() == EntityKind::BaseSpecifier
                && child.get_accessibility() == Some(Accessibility::Public)
        })
        .filter_map(|child| child.get_type().and_then(|ty| classes.name_of(ty)))
        .filter(|base| {
            viewable(class) && classes.list.iter().any(|c| &c.name == base && viewable(c))
        })
        .collect();
    class.given.clone().unwrap_or_else(|| model::Class {
        cpp: class.name.clone(),
        rust: class.rename.clone(),
        ownership: class.ownership.clone(),
        constructors: Vec::new(),
        send: false,
        sync: false,
        retain: false,
        bases,
        void_id: None,
        doc: doc(class.entity),
    })
}

/// A doc comment, as one line; empty when there is none.
fn doc(entity: Entity) -> String {
    entity
        .get_comment()
        .map(|raw| comments::one_line(&raw))
        .unwrap_or_default()
}

/// A function's parameters, or why one has no type the model can hold. A
/// defaulted parameter that cannot be held, or a flag that asks the callee to keep
/// a pointer (`bool staticMem = false`), ends the list there: the member is bound
/// with the defaults from it on, and the second value says why.
fn parameters(function: Entity, classes: &Classes) -> Result<(Vec<Param>, Option<String>), String> {
    let arguments = function.get_arguments().unwrap_or_default();
    let defaults = defaults_of(function, arguments.len());
    let mut params = Vec::new();
    for (i, argument) in arguments.iter().enumerate() {
        let name = argument.get_name().filter(|name| !name.is_empty());
        // Only a parameter that libclang sees defaulted has a default.
        let defaulted = argument.get_children().iter().any(|c| c.is_expression());
        let default = defaults
            .as_ref()
            .and_then(|defaults| defaults[i].clone())
            .filter(|_| defaulted);
        let shown = name.as_deref().unwrap_or("");
        let ty = argument
            .get_type()
            .ok_or_else(|| format!("parameter {} has no type", i + 1))
            .and_then(|ty| cpp_type(ty, classes))
            .map_err(|why| format!("parameter {} (`{shown}`) is {why}", i + 1));
        let ty = match (ty, &default) {
            (Ok(ty), _) => ty,
            (Err(why), Some(_)) => return Ok((params, Some(why))),
            (Err(why), None) => return Err(why),
        };
        let flag = matches!(ty.base, model::Base::Scalar(model::Scalar::Bool, _));
        if flag && default.is_some() && asks_to_keep(shown) {
            let why = format!(
                "the flag `{shown}` asks it to keep a pointer instead of a copy (left at its \
                 default)"
            );
            return Ok((params, Some(why)));
        }
        params.push(Param {
            out: is_out(&ty, i, &arguments),
            ty,
            name,
            default,
            kept: false,
            steals: false,
        });
    }
    Ok((params, None))
}

/// Marks the parameters whose memory the callee may keep: every pointer to
/// characters or bytes of a class that holds such a pointer itself (jsoncpp's
/// `StaticString`, its `Reader`'s `begin_`), and the buffers given to what makes an
/// object (`makes`: a constructor or factory; poppler's `load_from_raw_data` reads
/// the bytes for as long as the document lives).
fn mark_kept(params: &mut [Param], class: &Class, classes: &Classes, makes: bool) {
    let holds = holds_byte_pointer(class, classes);
    for i in 0..params.len() {
        let buffer = buffer_at(&params[i..]).is_some();
        if params[i].points_to_bytes() && (holds || (makes && buffer)) {
            params[i].kept = true;
        }
    }
}

/// Whether a class has a field that points to characters or bytes it does not own
/// (`const char*`, `const void*`): whatever it is given, it may keep.
fn holds_byte_pointer(class: &Class, classes: &Classes) -> bool {
    class.entity.get_children().into_iter().any(|field| {
        field.get_kind() == EntityKind::FieldDecl
            && field
                .get_type()
                .and_then(|ty| cpp_type(ty, classes).ok())
                .is_some_and(|ty| ty.byte_pointee().is_some())
    })
}

/// Each parameter's default argument as the header spells it, read from the
/// function's own tokens: the list between its name's `(` and the matching `)`,
/// split at the commas outside brackets, each part's tokens after its `=`. A
/// macro stays its name with its arguments (`PUGIXML_TEXT("")`): the ranges libclang
/// gives a parameter or its expression may end inside a macro's arguments or point
/// at its definition. `None` where the list cannot be matched to the parameters.
fn defaults_of(function: Entity, count: usize) -> Option<Vec<Option<String>>> {
    let name = function.get_name()?;
    let tokens: Vec<String> = function
        .get_range()?
        .tokenize()
        .iter()
        .map(|token| token.get_spelling())
        .collect();
    let named = tokens.iter().position(|token| *token == name)?;
    let open = named + tokens[named..].iter().position(|token| token == "(")?;
    let mut parts: Vec<Vec<&str>> = vec![Vec::new()];
    let mut depth = 0usize;
    for token in &tokens[open + 1..] {
        match token.as_str() {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" if depth == 0 => break,
            ")" | "]" | "}" => depth -= 1,
            // A type's template arguments (`std::map<int, int>`), before any `=`.
            "<" if !parts.last()?.contains(&"=") => depth += 1,
            ">" if depth > 0 && !parts.last()?.contains(&"=") => depth -= 1,
            "," if depth == 0 => {
                parts.push(Vec::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut()?.push(token);
    }
    if parts.len() != count {
        return None;
    }
    Some(
        parts
            .iter()
            .map(|part| {
                let equals = part.iter().position(|token| *token == "=")?;
                let mut text = String::new();
                for spelling in &part[equals + 1..] {
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    if word(text.chars().last()) && word(spelling.chars().next()) {
                        text.push(' ');
                    }
                    text.push_str(spelling);
                }
                (!text.is_empty()).then_some(text)
            })
            .collect(),
    )
}

/// Whether parameter `i` of type `ty` is one the member writes and does not read:
/// a non-const reference to a scalar, or a non-const pointer to one unless a
/// parameter of the function is a size (then it is a buffer, whose length only the
/// size knows).
fn is_out(ty: &CppType, i: usize, arguments: &[Entity]) -> bool {
    if ty.is_const || !matches!(ty.base, model::Base::Scalar(..)) {
        return false;
    }
    match ty.indirection {
        model::Indirection::Reference => true,
        model::Indirection::Pointer(1) => !arguments
            .iter()
            .enumerate()
            .any(|(j, other)| j != i && names_a_size(&other.get_name().unwrap_or_default())),
        _ => false,
    }
}

/// Adds the public constructors of class `i` that can be bound to `wrapper`: `new`
/// for the first, `new_` and the parameters' names for the others.
fn constructors(
    class: &Class,
    classes: &Classes,
    wrapper: &mut Wrapper,
    i: usize,
    skipped: &mut Vec<String>,
) {
    let abstract_class = class.entity.is_abstract_record();
    let mut names = Scope::default();
    for constructor in class.entity.get_children() {
        let public = constructor.get_accessibility() == Some(Accessibility::Public);
        if constructor.get_kind() != EntityKind::Constructor
            || !public
            || matches!(
                constructor.get_availability(),
                Availability::Unavailable | Availability::Deprecated
            )
            || constructor.is_copy_constructor()
            || constructor.is_move_constructor()
        {
            continue;
        }
        let what = format!(
            "{}::{}",
            class.name,
            constructor.get_display_name().unwrap_or_default()
        );
        if abstract_class {
            skipped.push(format!("{what}: the class is abstract"));
            continue;
        }
        if constructor.is_variadic() {
            skipped.push(format!("{what}: variadic"));
            continue;
        }
        let mut params = match parameters(constructor, classes) {
            Ok((params, cut)) => {
                if let Some(why) = cut {
                    skipped.push(format!("{what} with its defaulted arguments: {why}"));
                }
                params
            }
            Err(why) => {
                skipped.push(format!("{what}: {why}"));
                continue;
            }
        };
        mark_kept(&mut params, class, classes, true);
        // A uniquely owned object by const reference, as a copy takes it: the wrapper
        // would have to keep it, and no object of the class that a member returns
        // could (jsoncpp's `Value(const StaticString&)` keeps the string's pointer).
        let kept = params.iter().find_map(|p| {
            let name = p.ty.named()?;
            let class = classes.list.iter().find(|c| c.name == name)?;
            let by_reference = p.ty.is_const && p.ty.indirection == model::Indirection::Reference;
            (by_reference && class.ownership.kind() == "unique").then_some(name)
        });
        if let Some(kept) = kept {
            skipped.push(format!(
                "{what}: it takes a `{kept}` by const reference, which the new object may keep \
                 pointing to: then no `{}` a member returns could be bound (answer it by hand)",
                class.name
            ));
            continue;
        }
        // `new`, then `new_` and the parameters' names, then their types (jsoncpp's
        // `Value` has ten constructors of one parameter named `value`).
        let by_names = {
            let mut parts = vec!["new".to_owned()];
            parts.extend(
                params
                    .iter()
                    .enumerate()
                    .map(|(i, p)| rust_name(p.name.as_deref().unwrap_or(&format!("arg{i}")), &[])),
            );
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            join(&parts)
        };
        let by_types = {
            let mut parts = vec!["new".to_owned()];
            parts.extend(params.iter().map(|p| type_word(&p.ty)));
            let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
            join(&parts)
        };
        let name = if !names.contains("new") {
            "new".to_owned()
        } else if !names.contains(&by_names) {
            by_names
        } else {
            by_types
        };
        let name = names.clone().unique(&name);
        let tried = |params: Vec<Param>| {
            let mut tried = wrapper.clone();
            tried
                .enums
                .extend(missing_enums(wrapper, &params, None, classes));
            tried.classes[i].constructors.push(Constructor {
                name: name.clone(),
                params,
            });
            Plan::check_class(&tried, &class.name).map(|()| tried)
        };
        let outcome: Result<Wrapper, Refusal> = tried(params.clone()).or_else(|refusal| {
            // Without what its defaults stand for, it may still be bound.
            let short = without_defaults(&params).ok_or_else(|| refusal.clone())?;
            let bound = tried(short.to_vec()).map_err(|_| refusal.clone())?;
            skipped.push(format!(
                "{what} with its defaulted arguments: {}",
                refusal.allowed
            ));
            Ok(bound)
        });
        match outcome {
            Ok(bound) => {
                names.take(&name);
                *wrapper = bound;
            }
            Err(refusal) => skipped.push(format!("{what}: {}", refusal.allowed)),
        }
    }
}

/// A member of `class`, `Ok(None)` for what is not a member to bind at all
/// (deleted, the class's own count), or why it cannot be described; with why its
/// defaulted parameters from one on are left to their defaults, if they are. With
/// no class, a free function of the namespace, bound as a `free` method of the
/// class it makes (a factory by its comment or name returning `T*`, or one
/// returning a `std::unique_ptr<T>` or a smart pointer of one); `Ok(None)` for any
/// other function.
fn function_of(
    class: Option<&Class>,
    method: Entity,
    classes: &Classes,
) -> Result<Option<(Method, Option<String>)>, String> {
    let name = method.get_name().unwrap_or_default();
    match method.get_availability() {
        Availability::Unavailable => return Ok(None),
        // Its replacement is bound instead, and the call would warn at every build.
        Availability::Deprecated => return Err("deprecated".to_owned()),
        _ => {}
    }
    match method.get_kind() {
        EntityKind::FunctionTemplate => return Err("a template".to_owned()),
        EntityKind::ConversionFunction => return Err("a conversion operator".to_owned()),
        _ => {}
    }
    let after_operator = name
        .strip_prefix("operator")
        .and_then(|rest| rest.chars().next());
    if after_operator.is_some_and(|c| !(c.is_alphanumeric() || c == '_')) && name != "operator[]" {
        return Err("an operator".to_owned());
    }
    if class.is_some_and(|class| class.count_members.contains(&name)) {
        return Err("the reference count, which the handles call".to_owned());
    }
    if method.is_variadic() {
        return Err("variadic".to_owned());
    }
    let (mut params, cut) = parameters(method, classes)?;
    let raw_comment = method.get_comment().unwrap_or_default();
    let result = method
        .get_result_type()
        .ok_or_else(|| "no result type".to_owned())?;
    let ty: CppType = cpp_type(result, classes).map_err(|why| format!("returns {why}"))?;
    if ty.indirection == model::Indirection::Value {
        let class = ty
            .named()
            .and_then(|name| classes.list.iter().find(|c| c.name == name));
        if class.is_some_and(|class| !movable(class.entity)) {
            return Err(format!(
                "returns a `{ty}` by value, which has no public copy or move constructor to move \
                 into a new object"
            ));
        }
    }
    let noexcept = matches!(
        method.get_exception_specification(),
        Some(
            ExceptionSpecification::BasicNoexcept
                | ExceptionSpecification::DynamicNone
                | ExceptionSpecification::NoThrow
        )
    );
    // A pointer to a new object: said by the comment, or by a factory's name.
    let owned = (comments::hands_over_ownership(&raw_comment) || comments::factory_name(&name))
        && matches!(ty.indirection, model::Indirection::Pointer(1))
        && !ty.is_const
        && ty.named().is_some();
    // The class of a new object it hands over, if it makes one.
    let made = match &ty.base {
        _ if owned => ty.named(),
        model::Base::UniquePtr(element) => element.named(),
        model::Base::Template(_, arguments) if arguments.len() == 1 => arguments[0].named(),
        _ => None,
    };
    let free = class.is_none();
    let is_static = free || method.is_static_method();
    let class = match class {
        Some(class) => class,
        None => match made.and_then(|name| classes.list.iter().find(|c| c.name == name)) {
            Some(class) => class,
            None => return Ok(None),
        },
    };
    mark_kept(&mut params, class, classes, is_static && made.is_some());
    let method = Method {
        class: class.name.clone(),
        cpp: name,
        params,
        is_const: method.is_const_method(),
        is_static,
        free,
        returns: Returns { ty, owned },
        throws: !noexcept && comments::mentions_throwing(&raw_comment),
        noexcept,
        rust: None,
        doc: doc(method),
    };
    Ok(Some((method, cut)))
}
