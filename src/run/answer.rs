//! Parsing of sampled replies into an option letter.
//!
//! A reply is searched for explicit answers (`Answer: A`, `(B)`, `**A**`, `Option B`, a
//! line that starts with `A.`, a trailing bare `A`). The final explicit answer of the
//! strongest kind wins. Lower-case letters count only inside a marked form (`answer: a`,
//! `(b)`), because a bare `a` is usually the article. When no letter is found, the reply
//! may still quote one option's own text. Anything ambiguous or empty parses as no letter,
//! with a reason: this module never guesses.

use regex::Regex;
use std::sync::LazyLock;

use crate::cell::Letter;

/// The text of both options as shown in the prompt, used when a reply quotes an option
/// instead of naming its letter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OptionTexts {
    pub a: Option<String>,
    pub b: Option<String>,
}

impl OptionTexts {
    /// Finds the option lines of a rendered prompt: lines that start with `A.`, `A)`,
    /// `(A)`, `A:` or `Option A:`, followed by the option's text.
    ///
    /// NOTE: this reads the layout of the prompt, so a template that shows options in
    /// another layout yields no texts, and replies then parse by letter only.
    pub fn from_prompt(prompt: &str) -> OptionTexts {
        let mut texts = OptionTexts::default();
        for captures in OPTION_LINE.captures_iter(prompt) {
            let letter = captures
                .get(1)
                .or_else(|| captures.get(2))
                .map(|m| m.as_str());
            let text = captures[3].trim().to_string();
            match letter {
                Some("A") if texts.a.is_none() => texts.a = Some(text),
                Some("B") if texts.b.is_none() => texts.b = Some(text),
                _ => {}
            }
        }
        texts
    }
}

/// The letter a reply chose, or why none could be read from it.
pub type Parsed = Result<Letter, String>;

/// How strongly a form of answer marks itself as the answer; a stronger tier anywhere in
/// the reply beats a weaker one that comes later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    Trailing,
    Mention,
    Marked,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    tier: Tier,
    start: usize,
    end: usize,
    letter: Letter,
}

static OPTION_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^[ \t]*(?:\*\*)?(?:\(([AB])\)|(?:[Oo]ption[ \t]+)?([AB])[\.\):])(?:\*\*)?[ \t]+(.+)$",
    )
    .expect("option line pattern is valid")
});

/// `Answer: a`, `answer is (B)`, `Final answer - **A**`: the letter may be lower case.
static ANSWER_MARKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\banswer\s*(?::|\bis\b|=|-)\s*(?:\*\*|\$|\\boxed\{|\(|\[)?\s*(?:option\s+)?([ab])\b",
    )
    .expect("marked answer pattern is valid")
});

/// `Answer A` without a separator: only an upper-case letter counts.
static ANSWER_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?i:answer)\s+(?:(?i:option)\s+)?([AB])\b").expect("answer pattern is valid")
});

/// `**A**`, `**(b)**`, `$A$`, `\boxed{B}`.
static DELIMITED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:\*\*\s*(?:option\s+)?\(?([ab])\)?[\.:]?\s*\*\*|\$\s*(?:\\text\{)?([ab])\}?\s*\$|\\boxed\{\s*(?:\\text\{)?([ab])\}?\s*\})",
    )
    .expect("delimited answer pattern is valid")
});

/// `(A)` or `(b)`.
static PARENTHESISED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(([ABab])\)").expect("parenthesised pattern is valid"));

/// `Option B`, `I choose A`, `I would go with B`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?i:option|choice|choose|chose|pick|select|go with|recommend)\s+(?:(?i:option)\s+)?([AB])\b",
    )
    .expect("named option pattern is valid")
});

/// A line that starts with `A.`, `B)` or `A:`, or holds only the letter.
static LINE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t>#\-\*]*([AB])(?:[\.\):]|[ \t]*$)").expect("line start pattern is valid")
});

/// A bare upper-case letter; kept only when punctuation or the end follows it.
static BARE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([AB])\b").expect("bare letter pattern is valid"));

/// Both letters joined (`A or B`, `A/B`, `(A) and (B)`): the reply does not choose.
static BOTH_LETTERS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\b([ab])\b\)?\**\s*(?:or|and|/|&|nor|,|vs\.?|versus)\s*\**\(?\b([ab])\b\)?")
        .expect("both letters pattern is valid")
});

/// A negation right before the letter (`not A`, `not option B`).
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:not|never|neither|nor|rather than|instead of)\s+(?:option\s+|choose\s+)?\(?\**$",
    )
    .expect("negation pattern is valid")
});

/// Parses a sampled reply into the letter it chose.
pub fn parse_reply(reply: &str, options: &OptionTexts) -> Parsed {
    let text = reply.trim();
    if text.is_empty() {
        return Err("the reply is empty".to_string());
    }
    if let Some(letter) = whole_reply_letter(text) {
        return Ok(letter);
    }

    let candidates = find_candidates(text);
    let Some(strongest) = candidates.iter().map(|c| c.tier).max() else {
        return parse_option_text(text, options);
    };
    let last = candidates
        .iter()
        .filter(|c| c.tier == strongest)
        .max_by_key(|c| (c.end, c.start))
        .copied()
        .expect("a candidate of the strongest tier exists");

    check_unambiguous(text, last)?;
    Ok(last.letter)
}

/// Reads a reply that is only a letter, with optional brackets, emphasis or a full stop.
fn whole_reply_letter(text: &str) -> Option<Letter> {
    let core = text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '(' | ')' | '[' | ']' | '*' | '.' | '$' | '"' | '\'')
    });
    match core {
        "A" => Some(Letter::A),
        "B" => Some(Letter::B),
        _ => None,
    }
}

fn find_candidates(text: &str) -> Vec<Candidate> {
    let mut candidates = Vec::new();
    collect(&mut candidates, &ANSWER_MARKED, text, Tier::Marked);
    collect(&mut candidates, &ANSWER_BARE, text, Tier::Marked);
    collect(&mut candidates, &DELIMITED, text, Tier::Marked);
    collect(&mut candidates, &PARENTHESISED, text, Tier::Mention);
    collect(&mut candidates, &NAMED, text, Tier::Mention);
    collect(&mut candidates, &LINE_START, text, Tier::Mention);
    for captures in BARE.captures_iter(text) {
        let letter = captures.get(1).expect("the pattern has one group");
        if ends_a_phrase(&text[letter.end()..]) {
            candidates.push(candidate(
                Tier::Trailing,
                letter.start(),
                letter.end(),
                letter,
            ));
        }
    }
    candidates
}

fn collect(candidates: &mut Vec<Candidate>, pattern: &Regex, text: &str, tier: Tier) {
    for captures in pattern.captures_iter(text) {
        let whole = captures.get(0).expect("group 0 is the whole match");
        let letter = captures
            .iter()
            .skip(1)
            .flatten()
            .next()
            .expect("every answer pattern captures the letter");
        candidates.push(candidate(tier, whole.start(), whole.end(), letter));
    }
}

fn candidate(tier: Tier, start: usize, end: usize, letter: regex::Match) -> Candidate {
    let letter = if letter.as_str().eq_ignore_ascii_case("a") {
        Letter::A
    } else {
        Letter::B
    };
    Candidate {
        tier,
        start,
        end,
        letter,
    }
}

/// Whether the text after a bare letter ends the phrase, so the letter is not an article
/// ("A guest should ...").
fn ends_a_phrase(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!' | '?' | ',' | ';' | ':' | ')' | '"' | '\'' | '\n'
        ),
    }
}

fn check_unambiguous(text: &str, chosen: Candidate) -> Result<(), String> {
    for joined in BOTH_LETTERS.captures_iter(text) {
        let whole = joined.get(0).expect("group 0 is the whole match");
        let differ = !joined[1].eq_ignore_ascii_case(&joined[2]);
        let overlaps = whole.start() < chosen.end && chosen.start < whole.end();
        if differ && overlaps {
            return Err(format!(
                "the reply names both options together: `{}`",
                whole.as_str()
            ));
        }
    }
    if NEGATED.is_match(&text[..chosen.start]) {
        return Err("the final answer in the reply is negated".to_string());
    }
    Ok(())
}

/// Falls back to the options' own text when the reply names no letter.
fn parse_option_text(text: &str, options: &OptionTexts) -> Parsed {
    let reply = normalize(text);
    let quotes = |option: &Option<String>| {
        option
            .as_deref()
            .map(normalize)
            .is_some_and(|option| !option.is_empty() && reply.contains(&option))
    };
    match (quotes(&options.a), quotes(&options.b)) {
        (true, false) => Ok(Letter::A),
        (false, true) => Ok(Letter::B),
        (true, true) => Err("the reply quotes the text of both options".to_string()),
        (false, false) => Err("the reply names no option".to_string()),
    }
}

/// Lower-cases and keeps letters, digits and single spaces, so punctuation and layout do
/// not stop a quoted option from matching.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> OptionTexts {
        OptionTexts {
            a: Some("Take off the shoes at the door.".to_string()),
            b: Some("Keep the shoes on and explain the condition.".to_string()),
        }
    }

    /// Each reply with the letter it must parse to, or `None` for no letter.
    const CASES: &[(&str, Option<Letter>)] = &[
        ("A", Some(Letter::A)),
        ("B", Some(Letter::B)),
        (" B\n", Some(Letter::B)),
        ("(A)", Some(Letter::A)),
        ("(b)", Some(Letter::B)),
        ("A.", Some(Letter::A)),
        ("**A**", Some(Letter::A)),
        ("**b**", Some(Letter::B)),
        ("$B$", Some(Letter::B)),
        ("\\boxed{A}", Some(Letter::A)),
        ("Answer: A", Some(Letter::A)),
        ("answer: a", Some(Letter::A)),
        ("Answer: (b)", Some(Letter::B)),
        ("The answer is B.", Some(Letter::B)),
        ("The correct answer is **A**.", Some(Letter::A)),
        ("Final answer - B", Some(Letter::B)),
        ("Option B", Some(Letter::B)),
        (
            "I would choose option A because the norm matters here.",
            Some(Letter::A),
        ),
        ("I choose B.", Some(Letter::B)),
        ("I'd go with A.", Some(Letter::A)),
        ("A. Take off the shoes at the door.", Some(Letter::A)),
        ("B) Keep the shoes on.", Some(Letter::B)),
        ("Answer seems to be A", Some(Letter::A)),
        (
            "Considering the host's feelings, the best choice is B.",
            Some(Letter::B),
        ),
        ("Both matter. Still, I pick A.", Some(Letter::A)),
        (
            "Option A respects custom, but Option B respects health. Answer: B",
            Some(Letter::B),
        ),
        (
            "Answer: A. Option B would offend the host.",
            Some(Letter::A),
        ),
        (
            "First I thought (A), but on reflection (B).",
            Some(Letter::B),
        ),
        ("Take off the shoes at the door.", Some(Letter::A)),
        (
            "They should keep the shoes on and explain the condition",
            Some(Letter::B),
        ),
        (
            "The guest should probably take off the shoes at the door, out of respect.",
            Some(Letter::A),
        ),
        ("A guest should always respect the host.", None),
        ("", None),
        ("   ", None),
        ("I cannot decide.", None),
        ("A or B", None),
        ("Either (A) or (B) could work.", None),
        ("Both A and B are reasonable.", None),
        ("The answer is not A", None),
        ("a", None),
        ("b.", None),
        ("I would answer as a friend would.", None),
        (
            "Take off the shoes at the door, or keep the shoes on and explain the condition.",
            None,
        ),
        ("Answer: Allow the preference", None),
        ("It depends on the situation", None),
        ("Answer:\n\nB", Some(Letter::B)),
        ("**Answer: A**", Some(Letter::A)),
        ("My recommendation: A", Some(Letter::A)),
    ];

    #[test]
    fn replies_parse_to_expected_letters() {
        for (reply, expected) in CASES {
            let parsed = parse_reply(reply, &options());
            assert_eq!(
                parsed.as_ref().ok(),
                expected.as_ref(),
                "reply {reply:?} gave {parsed:?}"
            );
        }
    }

    #[test]
    fn table_holds_forty_cases() {
        assert!(CASES.len() >= 40, "{} cases", CASES.len());
    }

    #[test]
    fn unknown_replies_give_reasons() {
        let reason = parse_reply("A or B", &options()).unwrap_err();
        assert!(reason.contains("both options"), "{reason}");
        let reason = parse_reply("", &options()).unwrap_err();
        assert!(reason.contains("empty"), "{reason}");
    }

    #[test]
    fn option_texts_found_in_prompt() {
        let prompt = "Which should the guest do?\nA. Take off the shoes.\nB. Keep them on.\n";
        let texts = OptionTexts::from_prompt(prompt);
        assert_eq!(texts.a.as_deref(), Some("Take off the shoes."));
        assert_eq!(texts.b.as_deref(), Some("Keep them on."));
    }

    #[test]
    fn option_texts_in_parentheses_and_named() {
        let texts = OptionTexts::from_prompt("(A) Go home\nOption B: Stay late");
        assert_eq!(texts.a.as_deref(), Some("Go home"));
        assert_eq!(texts.b.as_deref(), Some("Stay late"));
    }
}
