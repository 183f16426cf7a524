//! The public constructors and methods of the classes, as the template's answers,
//! and the report of the members left out.

use std::collections::BTreeSet;

use clang::{Accessibility, Availability, Entity, EntityKind, ExceptionSpecification};

use super::comments;
use super::types;
use super::{Class, Classes};

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

/// The class and method answers of `classes`, adding what is left out to `skipped`.
pub(crate) fn answers(classes: &Classes, skipped: &mut Vec<String>) -> (Vec<String>, Vec<String>) {
    let class_answers: Vec<String> = classes
        .list
        .iter()
        .map(|class| class_answer(class, classes, skipped))
        .collect();
    // A class whose constructor takes another wrapped class keeps it alive in its
    // wrapper; a wrapper made from a returned pointer could not.
    let keeps: Vec<String> = classes
        .list
        .iter()
        .zip(&class_answers)
        .filter(|(_, answer)| keeps_others(answer, classes))
        .map(|(class, _)| class.name.clone())
        .collect();
    let mut method_answers = Vec::new();
    for class in &classes.list {
        for method in public_methods(class.entity) {
            match method_answer(class, method, classes, &keeps) {
                Ok(Some(answer)) => method_answers.push(answer),
                Ok(None) => {}
                Err(why) => skipped.push(format!(
                    "{}::{}: {why}",
                    class.name,
                    method.get_display_name().unwrap_or_default()
                )),
            }
        }
    }
    (class_answers, method_answers)
}

/// Whether a class answer's constructors take an object of one of `classes`.
fn keeps_others(answer: &str, classes: &Classes) -> bool {
    let code = answer.split('#').next().unwrap_or(answer);
    code.split("new")
        .skip(1)
        .filter_map(|rest| rest.split_once('(').map(|(_, params)| params))
        .filter_map(|params| params.split_once(')').map(|(params, _)| params))
        .flat_map(|params| params.split(','))
        .any(|param| {
            let words: Vec<&str> = param
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .collect();
            classes.list.iter().any(|class| {
                words
                    .iter()
                    .any(|word| word.rsplit("::").next() == Some(class.name.as_str()))
            })
        })
}

/// A doc comment, as one line, with the separator before it; empty when there is none.
fn doc(entity: Entity) -> String {
    match entity.get_comment().map(|raw| comments::one_line(&raw)) {
        Some(text) if !text.is_empty() => format!(" # {text}"),
        _ => String::new(),
    }
}

/// `TYPE name, TYPE name`: a function's parameters as an answer spells them, or why
/// one cannot cross the bridge.
fn parameters(function: Entity, classes: &Classes) -> Result<(String, Vec<String>), String> {
    let mut spelled = Vec::new();
    let mut names = Vec::new();
    for (i, argument) in function
        .get_arguments()
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let ty = argument
            .get_type()
            .ok_or_else(|| format!("parameter {} has no type", i + 1))?;
        let name = argument.get_name().unwrap_or_default();
        let ty = types::parameter(ty, classes)
            .map_err(|why| format!("parameter {} (`{name}`) is {why}", i + 1))?;
        spelled.push(if name.is_empty() {
            ty
        } else {
            format!("{ty} {name}")
        });
        names.push(name);
    }
    Ok((spelled.join(", "), names))
}

/// The class's answer: as given with `--class`, or its inferred ownership with the
/// constructors that can be bound.
fn class_answer(class: &Class, classes: &Classes, skipped: &mut Vec<String>) -> String {
    if let Some(verbatim) = &class.verbatim {
        return verbatim.clone();
    }
    let mut answer = class.name.clone();
    let camel = upper_camel(&class.name);
    if let Some(rename) = &class.rename {
        answer = format!("{answer} as {rename}");
    } else if RESERVED.contains(&camel.as_str()) {
        answer = format!("{answer} as Cpp{camel}");
    }
    answer = format!("{answer}={}", class.ownership);
    let abstract_class = class.entity.is_abstract_record();
    let mut taken = BTreeSet::new();
    for constructor in class.entity.get_children() {
        let public = constructor.get_accessibility() == Some(Accessibility::Public);
        if constructor.get_kind() != EntityKind::Constructor
            || !public
            || constructor.get_availability() == Availability::Unavailable
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
        match parameters(constructor, classes) {
            Ok((params, names)) => {
                let name = constructor_name(&names, &taken);
                taken.insert(name.clone());
                answer = format!("{answer} {name}({params})");
            }
            Err(why) => skipped.push(format!("{what}: {why}")),
        }
    }
    format!("{answer}{}", doc(class.entity))
}

/// Rust names the template refuses for a class (cxx's own types, the crate's
/// `Error`): a class of such a name is renamed `Cpp...` (as the template's hook lists).
const RESERVED: &[&str] = &[
    "String",
    "Str",
    "Vec",
    "Box",
    "UniquePtr",
    "SharedPtr",
    "WeakPtr",
    "CxxString",
    "CxxVector",
    "Result",
    "Pin",
    "Option",
    "Error",
    "Self",
    "Fn",
    "Slice",
];

/// `snake_name` as `SnakeName`, as the template names a class's Rust type.
fn upper_camel(name: &str) -> String {
    name.split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or(String::new(), |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// `new` for the first constructor, `new_` and the parameters' names for the others.
fn constructor_name(names: &[String], taken: &BTreeSet<String>) -> String {
    if !taken.contains("new") {
        return "new".to_owned();
    }
    let mut name = "new".to_owned();
    for (i, parameter) in names.iter().enumerate() {
        let part: String = parameter
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        name.push('_');
        name.push_str(if part.is_empty() { "arg" } else { &part });
        if part.is_empty() {
            name.push_str(&i.to_string());
        }
    }
    while taken.contains(&name) {
        name.push('_');
    }
    name
}

/// A method's answer, `Ok(None)` for what is not a method to bind at all (deleted,
/// the class's own count), or why it is left out.
fn method_answer(
    class: &Class,
    method: Entity,
    classes: &Classes,
    keeps: &[String],
) -> Result<Option<String>, String> {
    let name = method.get_name().unwrap_or_default();
    if method.get_availability() == Availability::Unavailable {
        return Ok(None);
    }
    match method.get_kind() {
        EntityKind::FunctionTemplate => return Err("a template".to_owned()),
        EntityKind::ConversionFunction => return Err("a conversion operator".to_owned()),
        _ => {}
    }
    let after_operator = name
        .strip_prefix("operator")
        .and_then(|rest| rest.chars().next());
    if after_operator.is_some_and(|c| !(c.is_alphanumeric() || c == '_')) {
        return Err("an operator".to_owned());
    }
    if class.count_members.contains(&name) {
        return Err("the reference count, which the handles call".to_owned());
    }
    if method.is_variadic() {
        return Err("variadic".to_owned());
    }
    let (params, _) = parameters(method, classes)?;
    let raw_comment = method.get_comment().unwrap_or_default();
    let result = method
        .get_result_type()
        .ok_or_else(|| "no result type".to_owned())?;
    let owned = comments::hands_over_ownership(&raw_comment);
    let result = types::result(result, classes, owned).map_err(|why| {
        if why.starts_with("returns") {
            why
        } else {
            format!("returns {why}")
        }
    })?;
    if let Some(kept) = keeps
        .iter()
        .find(|kept| result.trim_end_matches(['*', '&']).ends_with(kept.as_str()))
    {
        return Err(format!(
            "returns a `{kept}`, whose wrapper keeps alive what its constructor was given: \
             one made from a returned pointer could not"
        ));
    }
    let noexcept = matches!(
        method.get_exception_specification(),
        Some(
            ExceptionSpecification::BasicNoexcept
                | ExceptionSpecification::DynamicNone
                | ExceptionSpecification::NoThrow
        )
    );
    let mut answer = format!("{}.{name}({params})", class.name);
    if method.is_const_method() {
        answer.push_str(" const");
    }
    if method.is_static_method() {
        answer.push_str(" static");
    }
    if result != "void" {
        answer.push_str(&format!(" -> {result}"));
    }
    if !noexcept && comments::mentions_throwing(&raw_comment) {
        answer.push_str(" throws");
    }
    Ok(Some(format!("{answer}{}", doc(method))))
}
