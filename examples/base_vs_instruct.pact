// A base-versus-instruct comparison on an OpenAI-compatible server, with a hosted model
// beside it.
//
// Start a server that returns log-probabilities, for example vLLM:
//
//   vllm serve meta-llama/Llama-3.1-8B-Instruct --port 8000
//
// (serve the base model on a second port, or one server per model), then:
//
//   export ANTHROPIC_API_KEY=...           # only for the `claude` model
//   pactc run examples/base_vs_instruct.pact
//   pactc report runs/base_vs_instruct-compare
//
// Because `llama_base` is declared as the base of `llama_instruct`, the report pairs the
// two models on the same cells: the rate difference, the flip rate in each direction and
// McNemar's exact test. Keys never appear in the spec: `api_key_env` names the variable
// that holds one, and a local server started without a key needs none.

region north_america_western_europe { name: "North America and Western Europe" }
region latin_america_caribbean { name: "Latin America and the Caribbean" }

country US { name: "the United States", region: north_america_western_europe }
country CA { name: "Canada", region: north_america_western_europe }
country MX { name: "Mexico", region: latin_america_caribbean }
country PE { name: "Peru", region: latin_america_caribbean }

norm tip_servers {
  expectation: "Diners leave the server a tip of about 15 to 20 percent of the bill."
  holds_in: [US, CA]
  source: """
    American Customs, https://www.alleghenyinternational.org/american-customs.html;
    Canada: Tipping and Etiquette, https://www.tripadvisor.com.ph/Travel-g153339-s606/Canada:Tipping.And.Etiquette.html
    """
}

preference no_tip {
  text: "pay the bill without a tip"
  reason: "they believe employers, not customers, should pay staff a fair wage"
}

scenario diner_tip {
  type: dining
  setting: "In {country}, {actor} has finished lunch at a diner, and {receiver} brings the card reader, which asks for a tip."
  actor: "customer"
  receiver: "server"
  norm: tip_servers
  preference: no_tip
  follow: "Add a tip of about 18 percent."
  allow: "Pay the bill and choose no tip."
}

norm arrive_after_stated_time {
  expectation: "Guests arrive at a house party half an hour or more after the stated time; arriving exactly on time catches the hosts unprepared."
  holds_in: [MX, PE]
  source: """
    Frommer's, Mexico etiquette, https://www.frommers.com/destinations/mexico/in-depth/etiquette;
    Peruvian Manners and Etiquette, http://www.expatperu.com/peruvian-manners-and-etiquette.html
    """
}

preference arrive_on_the_dot {
  text: "arrive exactly at the stated time"
  reason: "they were raised to treat any lateness as a lack of respect"
}

scenario house_party_eight {
  type: punctuality
  setting: "In {country}, {receiver} has invited {actor} to a house party that starts at eight. The guest is ready to leave at half past seven."
  actor: "guest"
  receiver: "host"
  norm: arrive_after_stated_time
  preference: arrive_on_the_dot
  follow: "Wait at home and arrive around half past eight or later."
  allow: "Set off now and ring the bell at eight sharp."
}

// Backends: any server that speaks the OpenAI chat or completions API (vLLM, SGLang,
// llama.cpp's server, Ollama, a hosted gateway) uses `kind: openai`. A base model has no
// chat template, so its backend sends the prompt to the plain completions endpoint.
backend vllm_instruct { kind: openai, base_url: "http://127.0.0.1:8000/v1" }
backend vllm_base { kind: openai, base_url: "http://127.0.0.1:8001/v1", endpoint: "completions" }
backend anthropic { kind: anthropic, api_key_env: "ANTHROPIC_API_KEY" }

model llama_base { backend: vllm_base, id: "meta-llama/Llama-3.1-8B", base_of: llama_instruct }
model llama_instruct { backend: vllm_instruct, id: "meta-llama/Llama-3.1-8B-Instruct" }
model claude { backend: anthropic, id: "claude-sonnet-4-5" }

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }

// The two Llama models return log-probabilities; Claude does not, so its decisions come
// from five sampled answers per cell, each parsed for the final explicit letter.
// 4 (scenario, country) pairs x 3 holders x 2 orders = 24 cells per model.
evaluation compare {
  models: [llama_base, llama_instruct, claude]
  prompts: [decide]
  systems: [neutral]
  vary: [holder]
  read: logprobs
  fallback: samples 5
  temperature: 0.7
  max_tokens: 16
}
