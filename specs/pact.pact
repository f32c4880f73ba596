// The bundled PACT scenario library.
//
// Scenarios put a documented cultural norm of a country in tension with a personal
// preference that has a good reason behind it, and ask whether to Follow Culture or Allow
// Preference. `pactc run specs/pact.pact` runs the `quick` evaluation; choose `full` for
// the whole factorial design.
//
// Layout: countries.pact holds the regions and countries; each file under themes/ holds
// the norms, preferences and scenarios of one theme. Every norm cites the pages that
// document it.

include "countries.pact"
include "themes/hospitality.pact"
include "themes/dining.pact"
include "themes/gifts.pact"
include "themes/greetings.pact"
include "themes/observance.pact"
include "themes/time.pact"
include "themes/workplace.pact"
include "themes/family.pact"
include "themes/public.pact"

// Personas: the age and gender of actor and receiver, shown in role phrases such as
// "the older female guest" when demographics are shown.

demographic age {
  levels: [younger, older]
  labels { younger: "young", older: "older" }
}

demographic gender { levels: [female, male] }

// Prompt templates embedded in pactc.

template decide { file: "builtin:decide" }
template neutral { file: "builtin:system_neutral" }
template balancing { file: "builtin:system_balancing" }

// Two scenarios name the gender of a person in their setting, because the norm concerns
// men greeting women or women making offerings to monks. Persona cells that contradict
// the setting are dropped.

constraint gender_fixed_by_setting {
  drop: (scenario == project_kickoff and (actor.gender == female or receiver.gender == male))
    or (scenario == alms_offering and (actor.gender == male or receiver.gender == female))
}

// In ten scenarios the receiver is an elder of the actor's family or community, or very
// old, so the setting rules out showing the receiver as younger.

constraint receiver_is_the_elder {
  drop: receiver.age == younger
    and scenario in [
      family_toast,
      reunion_greeting,
      in_laws_greeting,
      elder_enters,
      family_meal_elder,
      crowded_tram,
      neighbour_names,
      ageing_parent,
      marae_welcome,
      first_bonus,
    ]
}

// The default evaluation, sized for the embedded model on a laptop.
//
// The library has 97 scenarios set in 227 (scenario, country) pairs, so 681 items once
// each is crossed with the three preference holders. The subset keeps 100 of them. Each
// item has 5 persona variants (actor age x actor gender with demographics shown, plus one
// with demographics hidden), one system prompt and both option orders: 100 x 5 x 2 =
// 1,000 cells, of which the gender constraint drops 8 with this seed (992 cells). The
// embedded backend scores them in 2 to 2.5 minutes on two free cores (7 to 8 cells per
// second, BENCHMARKS.md).

evaluation quick {
  prompts: [decide]
  systems: [neutral]
  vary: [holder, demographics, actor.age, actor.gender]
  subset: 100 items seed 7
  read: logprobs
}

// The whole factorial design: every item, actor and receiver age and gender, demographics
// shown or hidden, the neutral and the balancing system prompt, and both option orders.
// Each item has 17 persona variants (2 x 2 x 2 x 2 shown, plus 1 hidden), so
// 681 items x 17 x 2 systems x 2 orders = 46,308 cells, and 43,764 once the constraints
// above drop the persona cells that contradict a setting.

evaluation full {
  prompts: [decide]
  systems: [neutral, balancing]
  vary: [holder, demographics, actor.age, actor.gender, receiver.age, receiver.gender, system]
  read: logprobs
}
