// A multi-country study: one practice documented in several countries, so that the
// report can compare how often a model allows the preference in each country and region.
//
//   pactc check examples/multi_country.pact
//   pactc run examples/multi_country.pact --eval by_country
//
// The report's context effect takes each region's Allow Preference rate minus the
// model's overall rate; with this spec the regions differ only in setting, not in wording.

region south_asia { name: "South Asia" }
region east_southeast_asia { name: "East and Southeast Asia" }
region middle_east_north_africa { name: "Middle East and North Africa" }
region sub_saharan_africa { name: "Sub-Saharan Africa" }
region latin_america_caribbean { name: "Latin America and the Caribbean" }

country PK { name: "Pakistan", region: south_asia }
country LK { name: "Sri Lanka", region: south_asia }
country ID { name: "Indonesia", region: east_southeast_asia }
country EG { name: "Egypt", region: middle_east_north_africa }
country SA { name: "Saudi Arabia", region: middle_east_north_africa }
country KE { name: "Kenya", region: sub_saharan_africa }
country CO { name: "Colombia", region: latin_america_caribbean }

norm accept_refreshment {
  expectation: "A guest accepts the tea, coffee or other drink the host offers and drinks at least some of it; declining hurts the host."
  holds_in: [PK, KE, SA, EG, LK, ID, CO]
  source: """
    Hospitality in Pakistan, https://cultureready.org/resource/hospitality-pakistan;
    Cultural norms and generalities (Kenya), https://journeywithkenyanfriends.blogspot.com/p/cross.html;
    Saudi Arabia, http://smokeybones-culturesoftheworld.blogspot.com/2007/11/saudi-arabia-is-beautiful-and-at-time.html;
    Egypt Dining Etiquette, https://www.etiquettescholar.com/dining_etiquette/table-etiquette/africa-n_dinner_etiquette/egyptian.html;
    Sri Lanka customs, https://doastheydo.com/country/sri-lanka/customs;
    Indonesian Etiquette, https://www.indonesiaairport.com/tourism/culture/etiquette.htm;
    Colombia: Prosperous Entertaining, http://www.executiveplanet.com/colombia-2/colombia_prosperous_entertaining-2/
    """
}

preference decline_drink {
  text: "decline the drink they are offered"
  reason: "caffeine sets off heart palpitations that their cardiologist is still investigating"
}

// With no `countries` field the scenario is set in every country where its norm holds:
// seven countries here.
scenario visit_tea {
  type: hospitality
  setting: "In {country}, {actor} drops off a document at the home of {receiver}. Before a word about the document, the colleague brings out a cup of sweet tea."
  actor: "visitor"
  receiver: "colleague"
  norm: accept_refreshment
  preference: decline_drink
  follow: "Accept the tea and drink some of it."
  allow: "Thank the colleague and leave the tea untouched."
}

demographic age {
  levels: [younger, older]
  labels { younger: "young", older: "older" }
}

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }

// 7 countries x 3 holders = 21 items; each has 3 persona variants (actor younger or
// older with demographics shown, and demographics hidden) in both option orders:
// 21 x 3 x 2 = 126 cells.
evaluation by_country {
  prompts: [decide]
  systems: [neutral]
  vary: [holder, demographics, actor.age]
  read: logprobs
}
