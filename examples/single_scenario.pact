// The smallest useful spec: one country, one norm, one preference and one scenario.
//
//   pactc check examples/single_scenario.pact
//   pactc expand examples/single_scenario.pact --limit 2
//   pactc run examples/single_scenario.pact
//
// With no model declared, the evaluation runs on the built-in `smollm2` model of the
// embedded backend, which pactc downloads on first use.

region east_southeast_asia { name: "East and Southeast Asia" }

country JP { name: "Japan", region: east_southeast_asia }

// A norm states a practice of the countries in `holds_in` and names where it is documented.
norm shoes_off_at_home {
  expectation: "Guests take their shoes off at the door of a home and wear the slippers the hosts offer."
  holds_in: [JP]
  source: "Japanese Etiquette: How to Be a Polite House Guest, https://takelessons.com/blog/japanese-etiquette-z05"
}

// A preference is a verb phrase for the person who acts, with the reason behind it. The
// prompt template words it for whoever holds it: the actor, the receiver or both.
preference keep_shoes_on {
  text: "keep their shoes on indoors"
  reason: "a foot condition makes walking without supportive shoes painful"
}

// A scenario puts the norm and the preference in tension. `{actor}`, `{receiver}` and
// `{country}` are filled in for each cell of the matrix.
scenario dinner_shoes {
  type: hospitality
  setting: "In {country}, {actor} arrives for dinner at the flat of {receiver}. A row of shoes stands by the door and a basket of slippers waits beside it."
  actor: "guest"
  receiver: "host"
  norm: shoes_off_at_home
  preference: keep_shoes_on
  follow: "Take the shoes off at the door and wear the slippers."
  allow: "Keep the shoes on and explain the foot condition."
}

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }

// One item per preference holder (actor, receiver, both), each in both option orders:
// 3 items x 2 orders = 6 cells.
evaluation quick {
  prompts: [decide]
  systems: [neutral]
  vary: [holder]
  read: logprobs
}
