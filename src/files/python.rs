//! Python's syntax, for the lines of Python that messages give: string literals and the
//! subscripts that lead into a dict.

/// `s` as a Python string literal: single quotes, with `\`, `'` and control characters escaped.
pub fn python_str(s: &str) -> String {
    let mut out = String::from("'");
    for c in s.chars() {
        match c {
            '\\' | '\'' => {
                out.push('\\');
                out.push(c);
            }
            // Unicode's control characters are all below U+0100.
            c if c.is_control() => out.push_str(&format!("\\x{:02x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// `['model_state_dict']`, or `['model']['state_dict']`, for a path of keys.
pub fn subscripts(path: &[String]) -> String {
    path.iter().map(|k| format!("[{}]", python_str(k))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_subscripts_read_back_in_python() {
        assert_eq!(python_str("rnn.pt"), "'rnn.pt'");
        assert_eq!(python_str(r"C:\runs\it's.pt"), r"'C:\\runs\\it\'s.pt'");
        assert_eq!(python_str("a\nb"), "'a\\x0ab'");
        assert_eq!(subscripts(&["model".into(), "state_dict".into()]), "['model']['state_dict']");
    }
}
