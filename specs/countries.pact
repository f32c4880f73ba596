// Regions and countries of the bundled library.
//
// The eight regions are the ones PACT results are reported by. Australia and New Zealand
// sit with the Pacific island states here, so that the Pacific region has more than three
// countries to compare.
//
// `close` and `far` give the relation of a human-study respondent to the country a
// scenario is set in: a respondent from a country in `close` is "close", one from a
// country in `far` is "far", one from the country itself is "same", and anyone else is
// "other". The groupings follow shared language, neighbourhood and religious and historical
// ties; they are a starting point for the study design, not a measured distance.
//
// A country's `name` is written as it reads after "in", as in "the Netherlands", because
// prompts place it in phrases such as "In {country}, ..." and "Cultural norm in ...".

region south_asia { name: "South Asia" }
region pacific { name: "Pacific" }
region east_southeast_asia { name: "East and Southeast Asia" }
region middle_east_north_africa { name: "Middle East and North Africa" }
region sub_saharan_africa { name: "Sub-Saharan Africa" }
region eastern_europe_central_asia { name: "Eastern Europe and Central Asia" }
region north_america_western_europe { name: "North America and Western Europe" }
region latin_america_caribbean { name: "Latin America and the Caribbean" }

// South Asia

country IN {
  name: "India"
  region: south_asia
  close: [NP, BD, LK, PK]
  far: [US, GB, SE, BR]
}

country PK {
  name: "Pakistan"
  region: south_asia
  close: [IN, BD, IR]
  far: [US, SE, BR]
}

country BD {
  name: "Bangladesh"
  region: south_asia
  close: [IN, PK, NP]
  far: [US, SE, BR]
}

country NP {
  name: "Nepal"
  region: south_asia
  close: [IN, BD, LK]
  far: [US, GB, BR]
}

country LK {
  name: "Sri Lanka"
  region: south_asia
  close: [IN, TH, NP]
  far: [US, GB, BR]
}

// Pacific

country AU {
  name: "Australia"
  region: pacific
  close: [NZ, GB, CA, US]
  far: [IN, SA, JP, NG]
}

country NZ {
  name: "New Zealand"
  region: pacific
  close: [AU, GB, FJ, WS]
  far: [IN, SA, JP]
}

country FJ {
  name: "Fiji"
  region: pacific
  close: [WS, TO, NZ]
  far: [US, GB, RU]
}

country WS {
  name: "Samoa"
  region: pacific
  close: [TO, FJ, NZ]
  far: [US, GB, RU]
}

country TO {
  name: "Tonga"
  region: pacific
  close: [WS, FJ, NZ]
  far: [US, GB, RU]
}

// East and Southeast Asia

country JP {
  name: "Japan"
  region: east_southeast_asia
  close: [KR, CN]
  far: [US, BR, NG]
}

country KR {
  name: "South Korea"
  region: east_southeast_asia
  close: [JP, CN]
  far: [US, BR, NG]
}

country CN {
  name: "China"
  region: east_southeast_asia
  close: [KR, JP, VN]
  far: [US, BR, GB]
}

country VN {
  name: "Vietnam"
  region: east_southeast_asia
  close: [CN, TH, PH]
  far: [US, GB, BR]
}

country TH {
  name: "Thailand"
  region: east_southeast_asia
  close: [VN, LK, ID]
  far: [US, GB, BR]
}

country ID {
  name: "Indonesia"
  region: east_southeast_asia
  close: [PH, TH, BD]
  far: [US, GB, BR]
}

country PH {
  name: "the Philippines"
  region: east_southeast_asia
  close: [ID, VN, ES]
  far: [GB, SE, SA]
}

// Middle East and North Africa

country EG {
  name: "Egypt"
  region: middle_east_north_africa
  close: [SA, MA, TR]
  far: [US, SE, JP]
}

country SA {
  name: "Saudi Arabia"
  region: middle_east_north_africa
  close: [EG, MA, PK]
  far: [US, SE, BR]
}

country TR {
  name: "Turkey"
  region: middle_east_north_africa
  close: [IR, EG, KZ]
  far: [US, JP, BR]
}

country IR {
  name: "Iran"
  region: middle_east_north_africa
  close: [TR, PK, KZ]
  far: [US, GB, BR]
}

country MA {
  name: "Morocco"
  region: middle_east_north_africa
  close: [EG, SA, FR]
  far: [US, JP, BR]
}

// Sub-Saharan Africa

country ZA {
  name: "South Africa"
  region: sub_saharan_africa
  close: [KE, NG, GH]
  far: [JP, KR, RU]
}

country NG {
  name: "Nigeria"
  region: sub_saharan_africa
  close: [GH, KE, ZA]
  far: [JP, SE, RU]
}

country KE {
  name: "Kenya"
  region: sub_saharan_africa
  close: [ET, ZA, NG]
  far: [JP, SE, RU]
}

country GH {
  name: "Ghana"
  region: sub_saharan_africa
  close: [NG, KE, ZA]
  far: [JP, SE, RU]
}

country ET {
  name: "Ethiopia"
  region: sub_saharan_africa
  close: [KE, EG]
  far: [JP, SE, BR]
}

// Eastern Europe and Central Asia

country RU {
  name: "Russia"
  region: eastern_europe_central_asia
  close: [KZ, PL]
  far: [US, JP, BR]
}

country PL {
  name: "Poland"
  region: eastern_europe_central_asia
  close: [RU, DE]
  far: [IN, JP, BR]
}

country KZ {
  name: "Kazakhstan"
  region: eastern_europe_central_asia
  close: [RU, TR]
  far: [US, GB, BR]
}

// North America and Western Europe

country US {
  name: "the United States"
  region: north_america_western_europe
  close: [CA, GB, AU]
  far: [IN, SA, JP, NG]
}

country CA {
  name: "Canada"
  region: north_america_western_europe
  close: [US, GB, AU]
  far: [IN, SA, JP]
}

country GB {
  name: "the United Kingdom"
  region: north_america_western_europe
  close: [US, CA, AU, NZ]
  far: [IN, SA, CN, NG]
}

country DE {
  name: "Germany"
  region: north_america_western_europe
  close: [NL, SE, PL]
  far: [IN, SA, BR]
}

country FR {
  name: "France"
  region: north_america_western_europe
  close: [IT, ES, MA]
  far: [JP, IN, US]
}

country IT {
  name: "Italy"
  region: north_america_western_europe
  close: [ES, FR, AR]
  far: [JP, IN, SA]
}

country ES {
  name: "Spain"
  region: north_america_western_europe
  close: [IT, FR, MX]
  far: [JP, IN, SA]
}

country NL {
  name: "the Netherlands"
  region: north_america_western_europe
  close: [DE, SE, GB]
  far: [JP, SA, BR]
}

country SE {
  name: "Sweden"
  region: north_america_western_europe
  close: [NL, DE]
  far: [IN, SA, BR]
}

// Latin America and the Caribbean

country BR {
  name: "Brazil"
  region: latin_america_caribbean
  close: [AR, PE, CO]
  far: [JP, IN, SA, DE]
}

country MX {
  name: "Mexico"
  region: latin_america_caribbean
  close: [CO, PE, ES]
  far: [JP, SA, SE]
}

country AR {
  name: "Argentina"
  region: latin_america_caribbean
  close: [BR, IT, ES]
  far: [JP, IN, SA]
}

country CO {
  name: "Colombia"
  region: latin_america_caribbean
  close: [PE, MX, BR]
  far: [JP, SE, SA]
}

country PE {
  name: "Peru"
  region: latin_america_caribbean
  close: [CO, BR, MX]
  far: [JP, SE, SA]
}
