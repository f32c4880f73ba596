//! Role phrases and the `{actor}`, `{receiver}` and `{country}` placeholders of scenario
//! text.

/// The words that fill the placeholders of one cell.
pub struct Fill<'a> {
    pub actor: &'a str,
    pub receiver: &'a str,
    pub country: &'a str,
}

/// Builds a role phrase such as "the guest" or "the young female guest": the labels of the
/// shown demographic levels, in declaration order, before the role.
pub fn role_phrase<'a>(role: &str, labels: impl Iterator<Item = &'a str>) -> String {
    let mut phrase = String::from("the");
    for label in labels {
        phrase.push(' ');
        phrase.push_str(label);
    }
    phrase.push(' ');
    phrase.push_str(role);
    phrase
}

/// Replaces the placeholders in `text`. A phrase that starts a sentence gets a capital
/// first letter. Any other `{...}` is kept as written, because the resolver has already
/// rejected unknown placeholders.
pub fn fill(text: &str, words: &Fill<'_>) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let (word, skip) = if after.starts_with("{actor}") {
            (Some(words.actor), "{actor}".len())
        } else if after.starts_with("{receiver}") {
            (Some(words.receiver), "{receiver}".len())
        } else if after.starts_with("{country}") {
            (Some(words.country), "{country}".len())
        } else {
            (None, 1)
        };
        match word {
            Some(word) if starts_sentence(&out) => push_capitalized(&mut out, word),
            Some(word) => out.push_str(word),
            None => out.push('{'),
        }
        rest = &after[skip..];
    }
    out.push_str(rest);
    out
}

fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches([' ', '\t', '"', '\'', '(']);
    match trimmed.chars().last() {
        None => true,
        Some(last) => matches!(last, '.' | '!' | '?' | '\n'),
    }
}

fn push_capitalized(out: &mut String, word: &str) {
    let mut chars = word.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Fill<'static> {
        Fill {
            actor: "the guest",
            receiver: "the host",
            country: "Japan",
        }
    }

    #[test]
    fn fill_capitalizes_sentence_start() {
        let text = fill(
            "{actor} visits {receiver} in {country}. {actor} waits.",
            &words(),
        );
        assert_eq!(text, "The guest visits the host in Japan. The guest waits.");
    }

    #[test]
    fn fill_keeps_unknown_braces() {
        assert_eq!(fill("a {x} b {", &words()), "a {x} b {");
    }

    #[test]
    fn role_phrase_orders_labels() {
        let phrase = role_phrase("guest", ["young", "female"].into_iter());
        assert_eq!(phrase, "the young female guest");
    }
}
