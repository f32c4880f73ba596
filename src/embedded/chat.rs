//! Chat formatting: a cell's messages become the one prompt string the model reads.
//!
//! A model's own template (`tokenizer.chat_template` in its GGUF metadata) is rendered with
//! minijinja, the way Hugging Face's `apply_chat_template` renders it, with
//! `add_generation_prompt` set. A model without a template gets the plain format below.

use minijinja::{Environment, context};
use serde::Serialize;

use crate::cell::{Message, MessageRole};

use super::EmbeddedError;

/// The format used for models whose GGUF has no chat template: each message on its own
/// paragraph as `System: ...`, `User: ...` or `Assistant: ...`, ending with `Assistant:`
/// so that the next token starts the reply.
pub const PLAIN_FORMAT: &str = "plain (\"System: ...\\n\\nUser: ...\\n\\nAssistant:\")";

/// The chat format of a model.
pub enum ChatFormat {
    /// The GGUF's own Jinja template.
    Template {
        environment: Box<Environment<'static>>,
        source: String,
        bos: String,
        eos: String,
    },
    /// The documented plain format.
    Plain,
}

#[derive(Serialize)]
struct TemplateMessage<'a> {
    role: &'static str,
    content: &'a str,
}

impl ChatFormat {
    /// Compiles the template `source`; `bos` and `eos` are the texts of the model's begin
    /// and end tokens, which some templates print.
    pub fn from_template(source: &str, bos: &str, eos: &str) -> Result<Self, EmbeddedError> {
        let mut environment = Environment::new();
        environment.add_function("raise_exception", raise_exception);
        environment
            .add_template_owned("chat", source.to_string())
            .map_err(|error| EmbeddedError::ChatTemplate {
                reason: error.to_string(),
            })?;
        Ok(ChatFormat::Template {
            environment: Box::new(environment),
            source: source.to_string(),
            bos: bos.to_string(),
            eos: eos.to_string(),
        })
    }

    /// Describes the format for the run manifest.
    pub fn describe(&self) -> serde_json::Value {
        match self {
            ChatFormat::Template { source, .. } => serde_json::json!({
                "kind": "gguf_template",
                "template": source,
            }),
            ChatFormat::Plain => serde_json::json!({
                "kind": "plain",
                "template": PLAIN_FORMAT,
            }),
        }
    }

    /// Renders `messages` into the prompt, ending where the assistant's reply begins.
    pub fn render(&self, messages: &[Message]) -> Result<String, EmbeddedError> {
        match self {
            ChatFormat::Template {
                environment,
                bos,
                eos,
                ..
            } => {
                let messages: Vec<TemplateMessage> = messages
                    .iter()
                    .map(|message| TemplateMessage {
                        role: role_name(message.role),
                        content: &message.content,
                    })
                    .collect();
                let template = environment
                    .get_template("chat")
                    .expect("the template was added under this name");
                template
                    .render(context! {
                        messages => messages,
                        add_generation_prompt => true,
                        bos_token => bos,
                        eos_token => eos,
                    })
                    .map_err(|error| EmbeddedError::ChatTemplate {
                        reason: error.to_string(),
                    })
            }
            ChatFormat::Plain => Ok(render_plain(messages)),
        }
    }
}

fn render_plain(messages: &[Message]) -> String {
    let mut prompt = String::new();
    for message in messages {
        let label = match message.role {
            MessageRole::System => "System",
            MessageRole::User => "User",
            MessageRole::Assistant => "Assistant",
        };
        prompt.push_str(label);
        prompt.push_str(": ");
        prompt.push_str(&message.content);
        prompt.push_str("\n\n");
    }
    prompt.push_str("Assistant:");
    prompt
}

fn role_name(role: MessageRole) -> &'static str {
    match role {
        MessageRole::System => "system",
        MessageRole::User => "user",
        MessageRole::Assistant => "assistant",
    }
}

/// Templates call `raise_exception("...")` to reject a conversation they cannot format.
fn raise_exception(message: String) -> Result<String, minijinja::Error> {
    Err(minijinja::Error::new(
        minijinja::ErrorKind::InvalidOperation,
        message,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(role: MessageRole, content: &str) -> Message {
        Message {
            role,
            content: content.to_string(),
        }
    }

    #[test]
    fn plain_format_ends_with_assistant_label() {
        let messages = [
            message(MessageRole::System, "Be brief."),
            message(MessageRole::User, "A or B?"),
        ];
        let prompt = ChatFormat::Plain
            .render(&messages)
            .expect("plain never fails");
        assert_eq!(prompt, "System: Be brief.\n\nUser: A or B?\n\nAssistant:");
    }

    #[test]
    fn template_gets_generation_prompt() {
        let source = "{% for m in messages %}[{{ m.role }}]{{ m.content }}{% endfor %}\
                      {% if add_generation_prompt %}[assistant]{% endif %}";
        let format = ChatFormat::from_template(source, "<s>", "</s>").expect("valid template");
        let prompt = format
            .render(&[message(MessageRole::User, "hi")])
            .expect("renders");
        assert_eq!(prompt, "[user]hi[assistant]");
    }

    #[test]
    fn raise_exception_becomes_error() {
        let source = "{{ raise_exception('only user messages') }}";
        let format = ChatFormat::from_template(source, "", "").expect("valid template");
        let error = format
            .render(&[message(MessageRole::User, "hi")])
            .expect_err("the template raises");
        assert!(error.to_string().contains("only user messages"));
    }
}
