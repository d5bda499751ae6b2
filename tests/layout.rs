//! The source tree has no import cycle between files: every `crate::…` and `super::…` path in
//! `src/` (the command line aside) is resolved to the module file it names, and the graph of
//! those uses must be acyclic, so that each file can be read after the ones it uses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of `src/` (`engine::network`, …) with its text, comments removed.
fn modules() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("bin") {
                    walk(&path, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(concat!(env!("CARGO_MANIFEST_DIR"), "/src")).unwrap();
                let name = rel.with_extension("").to_string_lossy().replace('/', "::");
                let name = name.trim_end_matches("::mod").to_string();
                let text = std::fs::read_to_string(&path).unwrap();
                let code: Vec<&str> = text.lines().map(|l| l.split("//").next().unwrap()).collect();
                if name != "lib" {
                    out.insert(name, code.join("\n"));
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut out);
    out
}

/// The paths after each `prefix` in `text`, braces expanded: `crate::a::{b, c::d}` gives
/// `a::b` and `a::c::d`.
fn paths(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices(prefix) {
        let rest = &text[at + prefix.len()..];
        let head: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
        if let Some(group) = rest[head.len()..].strip_prefix('{') {
            let inner = &group[..group.find('}').unwrap_or(group.len())];
            out.extend(inner.split(',').map(|p| format!("{head}{}", p.trim())));
        } else {
            out.push(head);
        }
    }
    out
}

/// The names `lib.rs` re-exports (`pub use training::config::{CellKind, Config};`), each with
/// the path of the module it comes from, so that `crate::Config` counts as a use of
/// `training::config`.
fn re_exports() -> Vec<(String, String)> {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let mut out = Vec::new();
    for line in lib.lines().filter_map(|l| l.strip_prefix("pub use ")) {
        let line = line.trim_end_matches(';');
        let (module, names) = match line.split_once("::{") {
            Some((module, names)) => (module, names.trim_end_matches('}')),
            None => line.rsplit_once("::").unwrap(),
        };
        out.extend(names.split(',').map(|n| (n.trim().to_string(), format!("{module}::{}", n.trim()))));
    }
    out
}

#[test]
fn no_file_imports_a_file_that_imports_it_back() {
    let modules = modules();
    let re_exports = re_exports();
    let mut uses: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (name, text) in &modules {
        let parent = name.rsplit_once("::").map_or("", |p| p.0);
        let mut all = paths(text, "crate::");
        all.extend(paths(text, "super::").into_iter().map(|p| format!("{parent}::{p}")));
        for mut path in all {
            if let Some((_, full)) = re_exports.iter().find(|(name, _)| path.split("::").next() == Some(name.as_str()))
            {
                path = path.replacen(path.split("::").next().unwrap(), full, 1);
            }
            // The longest prefix of the path that is a module.
            let parts: Vec<&str> = path.trim_start_matches("::").split("::").collect();
            let target = (1..=parts.len()).rev().map(|k| parts[..k].join("::")).find(|m| modules.contains_key(m));
            if let Some(target) = target {
                let (target, _) = modules.get_key_value(&target).unwrap();
                let nested = |a: &str, b: &str| a.starts_with(&format!("{b}::"));
                if target != name && !nested(name, target) && !nested(target, name) {
                    uses.entry(name).or_default().insert(target);
                }
            }
        }
    }
    // Depth-first search for a path back to where it started.
    fn cycle<'a>(
        at: &'a str,
        uses: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<&'a str>> {
        if let Some(i) = path.iter().position(|m| *m == at) {
            return Some(path[i..].iter().copied().chain([at]).collect());
        }
        if !done.insert(at) {
            return None;
        }
        path.push(at);
        for &next in uses.get(at).into_iter().flatten() {
            if let Some(found) = cycle(next, uses, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for name in modules.keys() {
        let found = cycle(name, &uses, &mut Vec::new(), &mut done);
        assert!(found.is_none(), "an import cycle: {}", found.unwrap().join(" → "));
    }
    assert!(uses.get("files::checkpoint").is_some_and(|u| u.contains("training::trainer")), "the parser lost a use");
    assert!(re_exports.iter().any(|(name, path)| name == "Config" && path == "training::config::Config"));
    assert!(uses.get("training::pytorch_script").is_some_and(|u| u.contains("training::config")), "crate::Config");
}
