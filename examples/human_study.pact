// A human-study questionnaire in the five countries of the PACT study: Brazil, India,
// South Africa, the United Kingdom and the United States.
//
// Each item (scenario x country x preference holder) gets two questions: what would you
// personally do as the actor, and what would most people consider appropriate. Write the
// questionnaire as CSV for a survey tool, one row per item, question and option order:
//
//   pactc expand examples/human_study.pact --eval survey --questionnaire -o survey.csv
//
// The survey tool shows each item in the option order of its row, so Follow Culture is
// not always the first option. Load the answers back next to a model run with
// `pactc report RUN --human answers.csv` (docs/report.md describes the answer format).
//
// `close` and `far` give each respondent's relation to the country a scenario is set in:
// a Brazilian answering a scenario set in the United States is "far", a British
// respondent answering it is "close".

region south_asia { name: "South Asia" }
region sub_saharan_africa { name: "Sub-Saharan Africa" }
region north_america_western_europe { name: "North America and Western Europe" }
region latin_america_caribbean { name: "Latin America and the Caribbean" }

country BR { name: "Brazil", region: latin_america_caribbean, far: [IN, GB] }
country IN { name: "India", region: south_asia, far: [US, GB, BR] }
country ZA { name: "South Africa", region: sub_saharan_africa, far: [IN] }

country GB {
  name: "the United Kingdom"
  region: north_america_western_europe
  close: [US]
  far: [IN, ZA]
}

country US {
  name: "the United States"
  region: north_america_western_europe
  close: [GB]
  far: [IN, BR]
}

norm greet_eldest_first {
  expectation: "On arrival, a visitor greets the oldest person present first."
  holds_in: [ZA, IN]
  source: """
    Tips to follow when you're invited to South African homes, https://all-luxury-apartments.com/blog-article-2787-tips-to-follow-when-you-re-invited-to-south-african-homes.html;
    Etiquette in India, https://snatours.com.au/blog/etiquette-in-india/
    """
}

preference greet_friend_first {
  text: "greet the friend who invited them first"
  reason: "they are shy with strangers and want their friend to introduce them"
}

scenario party_arrival {
  type: greetings
  setting: "In {country}, {actor} arrives at a family celebration to which {receiver} invited them. The friend's grandmother sits at the far side of the room."
  actor: "guest"
  receiver: "friend"
  norm: greet_eldest_first
  preference: greet_friend_first
  follow: "Cross the room and greet the grandmother first."
  allow: "Greet the friend first and wait to be introduced."
}

norm cheek_kiss_greeting {
  expectation: "At social gatherings, friends and new acquaintances greet each other with kisses on the cheek."
  holds_in: [BR]
  source: "Lonely Planet, Brazil etiquette, https://www.lonelyplanet.com/brazil/sao-miguel-do-gostoso/practical-information/directory/etiquette/a/nar/f2373e8f-1d98-46f1-93ba-4ce1998fb1a3/1317806"
}

preference handshake_only {
  text: "greet with a handshake instead of a kiss on the cheek"
  reason: "they are uncomfortable with close physical contact with people they barely know"
}

scenario friend_of_friend {
  type: greetings
  setting: "In {country}, at a house party, {actor} is introduced to {receiver}, a friend of a friend, who leans in for a kiss on the cheek."
  actor: "guest"
  receiver: "new acquaintance"
  norm: cheek_kiss_greeting
  preference: handshake_only
  follow: "Return the kiss on the cheek."
  allow: "Step back slightly and offer a handshake."
}

norm punctual_for_dinner {
  expectation: "A dinner guest arrives at the stated time, and calls ahead if they will be even a few minutes late."
  holds_in: [US, ZA]
  source: """
    American Customs, https://www.alleghenyinternational.org/american-customs.html;
    Tips to follow when you're invited to South African homes, https://all-luxury-apartments.com/blog-article-2787-tips-to-follow-when-you-re-invited-to-south-african-homes.html
    """
}

preference arrive_later {
  text: "arrive about half an hour after the stated time"
  reason: "they want to finish the physiotherapy exercises they do every evening at that hour"
}

scenario dinner_at_seven {
  type: punctuality
  setting: "In {country}, {receiver} has invited {actor} to dinner at seven. At a quarter to seven, the guest is still at home."
  actor: "guest"
  receiver: "host"
  norm: punctual_for_dinner
  preference: arrive_later
  follow: "Leave now and arrive at seven."
  allow: "Finish the exercises and arrive around half past seven."
}

norm not_before_time {
  expectation: "Guests do not arrive early at a private invitation; they wait nearby until the agreed time."
  holds_in: [GB]
  source: "British etiquette, https://naturecaptions.com/statuses/2002074199.html"
}

preference arrive_early_to_help {
  text: "arrive early to help with the cooking"
  reason: "they know the host is cooking for twelve alone and want to lend a hand"
}

scenario early_arrival {
  type: punctuality
  setting: "In {country}, {actor} is twenty minutes early for a dinner at the home of {receiver} and stands outside the front gate."
  actor: "guest"
  receiver: "host"
  norm: not_before_time
  preference: arrive_early_to_help
  follow: "Take a walk round the block and ring at the agreed time."
  allow: "Ring now and offer to help in the kitchen."
}

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }
template human_personal { file: "builtin:human_personal" }
template human_norm { file: "builtin:human_norm" }

// 6 (scenario, country) pairs x 3 holders = 18 items, each asked as two questions in two
// option orders. The same evaluation also runs on a model, so that model and human
// answers share item ids.
evaluation survey {
  prompts: [decide]
  systems: [neutral]
  vary: [holder]
  read: logprobs
  questions: [human_personal, human_norm]
}
