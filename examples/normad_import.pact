// Importing norms from a table in the NormAd layout.
//
// NormAd ("NormAd: A Benchmark for Measuring the Cultural Adaptability of Large Language
// Models", arXiv 2404.12464; the dataset akhilayerukola/NormAd, CC BY 4.0) holds about
// 2,600 stories about social norms in 75 countries, one per CSV row with the columns
// Country, Background, Value, Rule-of-Thumb, Story, Explanation and Gold Label. With
// `format: normad`, each row becomes a norm named `normad_<row>`: its expectation is the
// Rule-of-Thumb, it holds in the country whose declared `name` matches the Country column
// (case-insensitive), and its source is "NormAd, row <row>". The other columns are not
// used; rows are numbered from 1 after the header.
//
// The fixture specs/data/normad_sample.csv has four rows in that layout, written for this
// repository in the dataset's style; they are not rows of NormAd itself. To compile the
// real dataset, point the import at your copy of its CSV file and declare a country for
// every Country value it uses.
//
//   pactc check examples/normad_import.pact
//   pactc expand examples/normad_import.pact --limit 2

import norms from "../specs/data/normad_sample.csv" { format: normad }

region east_southeast_asia { name: "East and Southeast Asia" }
region middle_east_north_africa { name: "Middle East and North Africa" }
region south_asia { name: "South Asia" }
region sub_saharan_africa { name: "Sub-Saharan Africa" }

country JP { name: "Japan", region: east_southeast_asia }
country EG { name: "Egypt", region: middle_east_north_africa }
country IN { name: "India", region: south_asia }
country KE { name: "Kenya", region: sub_saharan_africa }

preference keep_shoes_on {
  text: "keep their shoes on indoors"
  reason: "a foot condition makes walking without supportive shoes painful"
}

preference add_salt {
  text: "add salt to their food"
  reason: "their low blood pressure means their doctor told them to take more salt"
}

preference eat_left_handed {
  text: "eat with their left hand"
  reason: "they are strongly left-handed and spill food when they use their right"
}

preference decline_drink {
  text: "decline the drink they are offered"
  reason: "caffeine sets off heart palpitations that their cardiologist is still investigating"
}

// Row 1 of the CSV (Japan).
scenario dinner_shoes {
  type: hospitality
  setting: "In {country}, {actor} arrives for dinner at the flat of {receiver}. A row of shoes stands by the door and a basket of slippers waits beside it."
  actor: "guest"
  receiver: "host"
  norm: normad_1
  preference: keep_shoes_on
  follow: "Take the shoes off at the door and wear the slippers."
  allow: "Keep the shoes on and explain the foot condition."
}

// Row 2 (Egypt).
scenario salt_shaker {
  type: dining
  setting: "In {country}, {actor} is eating lunch cooked by {receiver}, the parent of a close friend. A salt shaker stands on the table."
  actor: "guest"
  receiver: "cook"
  norm: normad_2
  preference: add_salt
  follow: "Eat the food as it was served."
  allow: "Add salt to the plate."
}

// Row 3 (India).
scenario shared_platter {
  type: dining
  setting: "In {country}, {actor} sits down to a meal eaten by hand from a shared dish with the family of {receiver}. No cutlery is on the table."
  actor: "guest"
  receiver: "host"
  norm: normad_3
  preference: eat_left_handed
  follow: "Eat with the right hand, however clumsily."
  allow: "Eat with the left hand."
}

// Row 4 (Kenya).
scenario visit_tea {
  type: hospitality
  setting: "In {country}, {actor} drops off a document at the home of {receiver}. Before a word about the document, the neighbour brings out a cup of sweet tea."
  actor: "visitor"
  receiver: "neighbour"
  norm: normad_4
  preference: decline_drink
  follow: "Accept the tea and drink some of it."
  allow: "Thank the neighbour and leave the tea untouched."
}

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }

// 4 items per holder, 3 holders, 2 orders: 24 cells.
evaluation quick {
  prompts: [decide]
  systems: [neutral]
  vary: [holder]
  read: logprobs
}
