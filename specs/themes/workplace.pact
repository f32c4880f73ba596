// Workplace: hierarchy, feedback and the social side of work.

norm attend_nomikai {
  expectation: "Employees go to the after-work drinking party (nomikai) with their team and their manager."
  holds_in: [JP]
  source: """
    Japan's workplaces rethink 'drinking with the boss', https://hksar.org/japan-s-workplaces-rethink-drinking-with-the-boss;
    Nomikai etiquette, https://a.stacker.news/items/376270
    """
}

preference home_for_childcare {
  text: "go straight home instead of to the drinking party"
  reason: "they have to collect their young child from day care"
}

scenario team_nomikai {
  type: workplace
  setting: "In {country}, {receiver} announces a drinking party this evening to welcome two new colleagues, but {actor} has day-care pick-up at seven."
  actor: "team member"
  receiver: "manager"
  norm: attend_nomikai
  preference: home_for_childcare
  follow: "Arrange for someone else to collect the child and go to the party."
  allow: "Apologise and go home to collect the child."
}

norm criticise_in_private {
  expectation: "Problems with someone's work are raised quietly and in private, not by confronting them in front of others."
  holds_in: [PH, BR, KE]
  source: """
    Philippine Customs, https://philippinediving.com/customs.htm;
    The Social Customs Of Brazil, https://www.yloan.com/viewthread.php?action=printable&tid=2708153;
    Cultural norms and generalities (Kenya), https://journeywithkenyanfriends.blogspot.com/p/cross.html
    """
}

preference open_feedback {
  text: "point out the mistake openly in the team meeting"
  reason: "they believe open feedback fixes problems faster and is fairer to the whole team"
}

scenario report_error {
  type: workplace
  setting: "In {country}, during a team meeting, {actor} notices that a report by {receiver} has wrong figures that the whole team relies on."
  actor: "team member"
  receiver: "colleague"
  norm: criticise_in_private
  preference: open_feedback
  follow: "Say nothing in the meeting and speak to the colleague alone afterwards."
  allow: "Point out the wrong figures during the meeting."
}

norm frank_feedback {
  expectation: "People state their honest opinion plainly, even when it is critical; frankness is taken as honesty rather than rudeness."
  holds_in: [NL]
  source: """
    Lonely Planet, Rotterdam etiquette, https://www.lonelyplanet.com/the-netherlands/rotterdam/practical-information/directory/etiquette/a/nar/4dfaab8f-1435-4cdf-a495-3b5b4b64a26f/360852;
    The Netherlands: we do it like this, http://welcomm-project.com/welcomm1/the-netherlands/we-do-it-like-this/
    """
}

preference soften_criticism {
  text: "wrap the criticism in praise and hints"
  reason: "they find blunt criticism hurtful and want to keep the working relationship warm"
}

scenario draft_review {
  type: workplace
  setting: "In {country}, {receiver} asks {actor} for an honest opinion on a proposal that has a serious flaw."
  actor: "colleague"
  receiver: "author of the proposal"
  norm: frank_feedback
  preference: soften_criticism
  follow: "Say plainly that the proposal has a serious flaw and why."
  allow: "Praise the proposal first and hint gently at the problem."
}

norm professional_titles {
  expectation: "Professionals are addressed by their title, such as Licenciado, Doctor or Professor, with their surname."
  holds_in: [MX, IN, PE]
  source: """
    Frommer's, Mexico etiquette, https://www.frommers.com/destinations/mexico/in-depth/etiquette;
    Know your Indian visitor, http://welcome.southafrica.net/content/country-overview/india-overview;
    Peru: Etiquette, http://internationaltravelvaccines.blogspot.com/2010/02/peru-etiquette.html
    """
}

scenario new_supervisor {
  type: workplace
  setting: "In {country}, {actor} joins a law office and is introduced to {receiver}, who will supervise their work."
  actor: "new employee"
  receiver: "senior lawyer"
  norm: professional_titles
  preference: first_names
  follow: "Address the lawyer by title and surname."
  allow: "Address the lawyer by first name."
}

norm business_small_talk {
  expectation: "Business meetings open with personal small talk, about family and life, before any business."
  holds_in: [BR]
  source: "The Social Customs Of Brazil, https://www.yloan.com/viewthread.php?action=printable&tid=2708153"
}

preference straight_to_agenda {
  text: "get straight to the agenda"
  reason: "they have only twenty minutes before they must leave for the airport"
}

scenario supplier_meeting {
  type: workplace
  setting: "In {country}, {actor} sits down with {receiver} to agree on the terms of a contract. Their flight leaves soon."
  actor: "buyer"
  receiver: "supplier"
  norm: business_small_talk
  preference: straight_to_agenda
  follow: "Begin by asking after the supplier's family and weekend."
  allow: "Open the contract and go straight to the terms."
}

norm no_small_talk {
  expectation: "Business meetings get to the point quickly with little small talk."
  holds_in: [NL]
  source: "The Netherlands: we do it like this, http://welcomm-project.com/welcomm1/the-netherlands/we-do-it-like-this/"
}

preference warm_up_first {
  text: "open the meeting with friendly small talk"
  reason: "they feel it is cold to start working with someone without first asking how they are"
}

scenario partner_meeting {
  type: workplace
  setting: "In {country}, {actor} meets {receiver} for the first time to plan a joint project."
  actor: "project manager"
  receiver: "business partner"
  norm: no_small_talk
  preference: warm_up_first
  follow: "Introduce themselves briefly and go straight to the plan."
  allow: "Spend the first minutes chatting about the partner's journey and weekend."
}

norm no_pay_questions {
  expectation: "People do not ask others how much money they earn."
  holds_in: [GB, US, PL, NL]
  source: """
    British etiquette, https://naturecaptions.com/statuses/2002074199.html;
    American customs (ilovetranslation excerpt), https://th4.ilovetranslation.com/wycuI_fpeRb=d;
    Savoir-vivre (Poland), https://intopoland.com/travel-tips/savoir-vivre.html;
    The Netherlands: we do it like this, http://welcomm-project.com/welcomm1/the-netherlands/we-do-it-like-this/
    """
}

preference ask_about_pay {
  text: "ask a colleague what they earn"
  reason: "they believe pay secrecy hides unfair gaps between colleagues doing the same job"
}

scenario salary_question {
  type: workplace
  setting: "In {country}, {actor} suspects being paid less than {receiver}, who joined at the same time in the same role."
  actor: "employee"
  receiver: "colleague"
  norm: no_pay_questions
  preference: ask_about_pay
  follow: "Leave the colleague's pay out of the conversation."
  allow: "Ask the colleague directly what they earn."
}
