// Time: punctuality, quiet hours and the rhythm of holidays.

norm punctual_for_dinner {
  expectation: "A dinner guest arrives at the stated time, and calls ahead if they will be even a few minutes late."
  holds_in: [DE, SE, ZA, CA, US]
  source: """
    Unspoken Rules in Germany, https://kummuni.com/unspoken-rules-in-germany;
    Social Customs, Swedish University of Agricultural Sciences, http://www.slu.se/en/education/new-student/useful-information/social-customs/;
    Tips to follow when you're invited to South African homes, https://all-luxury-apartments.com/blog-article-2787-tips-to-follow-when-you-re-invited-to-south-african-homes.html;
    Tips for Travelers (Pamela den Ouden), http://peacezine.blogspot.com/2011/11/tips-for-travelers.html;
    American Customs, https://www.alleghenyinternational.org/american-customs.html
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

norm arrive_after_stated_time {
  expectation: "Guests arrive at a house party half an hour or more after the stated time; arriving exactly on time catches the hosts unprepared."
  holds_in: [MX, PE, CO, BR, AR]
  source: """
    Frommer's, Mexico etiquette, https://www.frommers.com/destinations/mexico/in-depth/etiquette;
    Peruvian Manners and Etiquette, http://www.expatperu.com/peruvian-manners-and-etiquette.html;
    Colombia: Prosperous Entertaining, http://www.executiveplanet.com/colombia-2/colombia_prosperous_entertaining-2/;
    The Social Customs Of Brazil, https://www.yloan.com/viewthread.php?action=printable&tid=2708153;
    Eat, sleep and say how it is (Argentina), http://www.buenastareas.com/ensayos/Eat-Sleep-And-Say-How-It/1835371.html
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

norm not_before_time {
  expectation: "Guests do not arrive early at a private invitation; they wait nearby until the agreed time."
  holds_in: [SE, GB]
  source: """
    Swedish Etiquette, https://toplist.info/top/swedish-etiquette-75501.htm;
    British etiquette, https://naturecaptions.com/statuses/2002074199.html
    """
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

norm quiet_hours {
  expectation: "In residential buildings, noise stops during the quiet hours at night and in the early afternoon and on Sundays."
  holds_in: [DE]
  source: """
    Navigating Germany: Common Rules and Norms Foreigners Often Accidentally Break, https://ogasir.com/Navigating-Germany--Common-Rules-and-Norms-Foreigners-Often-Accidentally-Break;
    Regeln und Gewohnheiten in Deutschland, https://bottaderap.com/?p=95&page=2
    """
}

preference practise_at_midday {
  text: "practise their instrument during the early-afternoon quiet hours"
  reason: "they work night shifts and early afternoon is their only time to practise before an audition"
}

scenario trumpet_practice {
  type: punctuality
  setting: "In {country}, {actor} lives in a flat above {receiver}, who works from home. It is two in the afternoon and the audition is next week."
  actor: "musician"
  receiver: "neighbour"
  norm: quiet_hours
  preference: practise_at_midday
  follow: "Wait until the quiet hours end to practise."
  allow: "Practise now, with a mute on the trumpet."
}

norm early_to_meetings {
  expectation: "People arrive at business meetings a few minutes early, and meetings start and end exactly on schedule."
  holds_in: [DE]
  source: """
    5 Rules in Germany You Should be Mindful of, https://aacheninenglish.de/blog/5-rules-in-germany;
    Unspoken Rules in Germany, https://kummuni.com/unspoken-rules-in-germany
    """
}

preference just_in_time {
  text: "arrive at exactly the start time, not before"
  reason: "they are caring for a sick child and use every spare minute to keep their work on track"
}

scenario client_meeting {
  type: workplace
  setting: "In {country}, {actor} has a nine o'clock meeting with {receiver} in a building five minutes away. It is ten to nine."
  actor: "consultant"
  receiver: "client"
  norm: early_to_meetings
  preference: just_in_time
  follow: "Leave now and wait at the meeting room early."
  allow: "Answer one more email and walk in at nine on the dot."
}

norm tet_midnight {
  expectation: "Guests celebrating the Lunar New Year (Tet) with a family stay up until midnight to welcome the new year together."
  holds_in: [VN]
  source: "Dos and Don'ts for Vietnamese New Year (Tet festival), https://vietnamtravelgo.com/dos-and-donts-for-vietnamese-new-year-tet-festival/"
}

preference early_night {
  text: "go to bed well before midnight"
  reason: "they are recovering from pneumonia and their doctor told them to rest"
}

scenario tet_eve {
  type: family
  setting: "In {country}, {actor} is spending New Year's Eve with the family of {receiver}. At ten o'clock, the visitor is exhausted."
  actor: "visitor"
  receiver: "host"
  norm: tet_midnight
  preference: early_night
  follow: "Stay up until midnight to welcome the new year with the family."
  allow: "Wish everyone well and go to bed early."
}

norm tet_first_visitor {
  expectation: "People do not call on a family early on the first day of the Lunar New Year unless they were invited as its first visitor, who is thought to bring the year's luck."
  holds_in: [VN]
  source: """
    Dos and Don'ts for Vietnamese New Year (Tet festival), https://vietnamtravelgo.com/dos-and-donts-for-vietnamese-new-year-tet-festival/;
    Viết đoạn văn bằng tiếng Anh nói về ngày Tết, https://loga.vn/hoi-dap/viet-1-doan-van-bang-tieng-anh-noi-ve-ngay-tet-1228978
    """
}

preference visit_first_thing {
  text: "visit first thing in the morning"
  reason: "they fly back abroad at noon and this is their only chance to see the family"
}

scenario new_year_morning {
  type: family
  setting: "In {country}, it is the morning of the first day of the new year, and {actor} wants to see {receiver}, whom they have known since childhood, before flying home."
  actor: "visitor"
  receiver: "family friend"
  norm: tet_first_visitor
  preference: visit_first_thing
  follow: "Call to wish a happy new year and visit on a later trip."
  allow: "Go round to the house this morning."
}
