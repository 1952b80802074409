"""Original demo stories for `seed_demo`: fictional reporting written for this project."""

SECTIONS = [  # (slug, name, parent_slug or None, position)
    ("news", "News", None, 1),
    ("politics", "Politics", "news", 1),
    ("world", "World", "news", 2),
    ("business", "Business", None, 2),
    ("sport", "Sport", None, 3),
    ("culture", "Culture", None, 4),
    ("science", "Science", None, 5),
]

STORIES = [
    # ------------------------------------------------------------------ Politics
    {
        "slug": "turkey-russia-open-ceasefire-talks-northern-syria",
        "headline": "Turkey and Russia open ceasefire talks on northern Syria in Black Sea resort",
        "standfirst": (
            "Envoys from Ankara and Moscow met in Selvanik for a first day of talks aimed at restoring "
            "a truce along a contested front line, with a Syrian government team attending as observers."
        ),
        "section": "politics",
        "tags": ["Politics", "Syria", "Turkey", "Russia"],
        "authors": ["journalist"],
        "hours_ago": 2,
        "status": "published",
        "body": """\
<p>Turkish and Russian envoys began two days of talks in the Black Sea resort of Selvanik, seeking to \
restore a ceasefire along a stretch of front line in northern Syria where fighting has intensified over \
the past three weeks.</p>\
<p>The meeting, held behind closed doors at a government guesthouse, brought together delegations led by \
Turkish deputy foreign minister Kerem Aydinoglu and Russian special envoy Pavel Lomakin. A Syrian \
government team attended as observers, according to officials from both sides.</p>\
<p>"We have come here to stop the shelling, not to redraw any maps," Aydinoglu told reporters as he \
arrived. "Every day without a ceasefire costs lives and pushes more families toward the border."</p>\
<p>Lomakin said Moscow saw "a realistic basis" for an agreement but cautioned that any truce would need \
to include what he described as firm guarantees against attacks on government positions.</p>\
<p>"A ceasefire that exists only on paper helps no one," he said. "We want a mechanism that both sides \
can verify, and that both sides will respect."</p>\
<h2>Fighting around Tell Zahra</h2>\
<p>The talks follow a surge in clashes around Tell Zahra, a crossroads town near the Turkish border that \
has changed hands several times. Local monitoring groups have reported dozens of civilian casualties in \
recent weeks, and aid agencies say the main road into the area has been cut for more than ten days.</p>\
<p>The United Nations estimates that about 60,000 people have left villages around the town since the \
start of the month. Many have moved toward camps near the border, where relief workers report shortages \
of clean water, tents and medicine.</p>\
<p>Ingrid Solvang, a UN humanitarian coordinator who briefed the delegations by video link, urged both \
sides to agree at the very least on a pause that would allow aid convoys through.</p>\
<blockquote><p>"The people of Tell Zahra cannot wait for a comprehensive settlement. They need water, \
medicine and a safe road out, and they need them this week."</p></blockquote>\
<p>Nabil Sarraf, who heads the Syrian observer team, said his government would "study any proposal \
carefully" but insisted that Syrian sovereignty over the area was not open to negotiation.</p>\
<p>Ankara and Moscow have backed opposing sides in the Syrian conflict but have repeatedly worked \
together on ceasefire arrangements and joint patrols in the north. Earlier understandings between the two \
governments reduced fighting for months at a time before breaking down.</p>\
<p>Diplomats familiar with the agenda said the draft under discussion includes a 15-kilometre zone free \
of heavy weapons, a joint monitoring centre and a timetable for reopening the road through Tell Zahra. \
They spoke on condition of anonymity because the negotiations are continuing.</p>\
<p>Officials said a joint statement could be issued at the end of the second day if differences over \
monitoring are resolved, and that a further round has been pencilled in for next month in Ankara. \
<a href="https://example.org/world/tell-zahra-explainer">Read our explainer on the Tell Zahra front \
line.</a></p>\
""",
    },
    {
        "slug": "committee-delays-vote-electoral-boundary-review",
        "headline": "Parliamentary committee delays vote on electoral boundary review",
        "standfirst": (
            "Members of the constitutional affairs committee postponed a decision on new constituency maps "
            "after opposition parties demanded more time to examine population data."
        ),
        "section": "politics",
        "tags": ["Politics", "Elections"],
        "authors": ["editor"],
        "hours_ago": 5,
        "status": "published",
        "body": """\
<p>A parliamentary committee has postponed its vote on a review of electoral boundaries, delaying a \
process that would redraw 38 constituencies before the next general election.</p>\
<p>The constitutional affairs committee was due to approve the new maps on Thursday, but its chair, \
Helena Marsh, agreed to a two-week delay after opposition members said they had not been given full \
access to the population figures behind the proposals.</p>\
<p>"Nobody wants to rush a change that will shape elections for a decade," Marsh said after the session. \
"If more time gives the public more confidence in the result, it is time well spent."</p>\
<p>The boundary commission's proposals would reduce the number of rural seats in the north and create \
four new urban constituencies, reflecting population growth in and around the capital.</p>\
<p>Opposition spokesman Daniel Okafor said his party was not trying to block the review. "We simply want \
to see the same numbers the commission saw," he said. The full proposals are published on the \
<a href="https://example.org/boundary-commission/proposals">commission's website</a>.</p>\
""",
    },
    {
        "slug": "coalition-agrees-outline-energy-price-support",
        "headline": "Coalition partners agree outline of winter energy price support",
        "standfirst": (
            "The two governing parties settled on a targeted scheme for low-income households, "
            "leaving the cost of a wider cap to be decided in the budget."
        ),
        "section": "politics",
        "tags": ["Politics", "Energy", "Economy"],
        "authors": ["reporter2"],
        "hours_ago": 20,
        "status": "published",
        "body": """\
<p>The two parties in the governing coalition have agreed the outline of a support scheme to help \
households with energy bills this winter, ending weeks of public disagreement over its size and scope.</p>\
<p>Under the plan, about 1.2 million low-income households would receive a monthly credit on their \
electricity bills from November to March. Pensioners living alone would qualify automatically.</p>\
<p>Energy minister Tomas Reyes said the scheme was designed to reach those most exposed to higher prices \
"without sending the bill to the next generation". He declined to give a total cost, saying final \
figures would be set out in the budget.</p>\
<p>The junior coalition partner had pushed for a broader cap on unit prices for all households. Its \
leader, Sofia Brandt, said the party had secured a commitment to review the scheme in January if \
wholesale prices rise further.</p>\
<p>Consumer groups welcomed the agreement but warned that many families just above the income threshold \
would still struggle. "The cliff edge is real," said Anika Vos of the Household Budget Network.</p>\
""",
    },
    {
        "slug": "regional-governors-migration-funding-rules",
        "headline": "Regional governors call for clearer rules on migration funding",
        "standfirst": (
            "Leaders of five regions say delays in central payments are leaving local authorities "
            "to cover the cost of housing and language classes for new arrivals."
        ),
        "section": "politics",
        "tags": ["Politics", "Migration"],
        "authors": ["journalist", "reporter2"],
        "hours_ago": 44,
        "status": "published",
        "body": """\
<p>Governors from five regions have written to the interior ministry asking for a fixed formula for \
migration funding, saying irregular payments are forcing local councils to cover costs from their own \
budgets.</p>\
<p>The letter, seen by this newspaper, says councils in the border regions have spent an estimated \
48 million euros on temporary housing, school places and language courses since January while waiting for \
reimbursement.</p>\
<p>"We are not asking for more money than we are owed. We are asking to know when it will arrive," said \
Governor Lena Kowal, who coordinated the letter.</p>\
<p>An interior ministry spokesperson said the first of two delayed payments would be made by the end of \
the month and that officials were "open to discussing" a more predictable system.</p>\
<p>Aid organisations say the uncertainty has led some councils to pause integration programmes. The \
ministry is expected to present revised guidance to regional leaders at a meeting next month.</p>\
""",
    },
    {
        "slug": "opposition-names-former-mayor-election-candidate",
        "headline": "Opposition names former mayor as candidate for autumn election",
        "standfirst": (
            "Civic Union members chose Marek Halloran, who led the port city of Eastmere for eight years, "
            "to challenge the government at the polls."
        ),
        "section": "politics",
        "tags": ["Politics", "Elections"],
        "authors": ["editor"],
        "hours_ago": 70,
        "status": "published",
        "body": """\
<p>The opposition Civic Union has chosen Marek Halloran, a former mayor of the port city of Eastmere, as \
its candidate to lead the party into the autumn general election.</p>\
<p>Halloran won 61 per cent of the vote among party members, defeating two sitting members of parliament \
in a contest that ran for six weeks.</p>\
<p>"People are tired of being told that nothing can change," Halloran told supporters at a rally in \
Eastmere. "I spent eight years fixing buses, schools and housing in one city. I want to do it for the \
whole country."</p>\
<p>During his time as mayor, Halloran oversaw a large expansion of the city's tram network and a \
programme of council house building, though critics said the projects ran over budget.</p>\
<p>The governing party said in a statement that it looked forward to "a debate about records and \
results". Recent polls show the two main parties within three points of each other.</p>\
""",
    },
    {
        "slug": "budget-statement-five-numbers-to-watch",
        "headline": "Budget statement: the five numbers to watch",
        "standfirst": (
            "From the deficit target to the cost of energy support, these are the figures that will "
            "shape the finance minister's speech."
        ),
        "section": "politics",
        "tags": ["Politics", "Economy"],
        "authors": ["reporter2"],
        "hours_ago": -20,
        "status": "published",
        "body": """\
<p>The finance minister, Clara Dunmore, presents the annual budget to parliament today. Here are the \
five numbers most likely to define the debate that follows.</p>\
<ul><li><strong>The deficit target.</strong> The government has promised to bring borrowing below \
3 per cent of national output within two years.</li>\
<li><strong>Energy support.</strong> The cost of the winter scheme agreed by the coalition has not yet \
been published.</li>\
<li><strong>Public sector pay.</strong> Unions are seeking a rise in line with inflation.</li>\
<li><strong>Defence spending.</strong> Ministers have signalled a modest increase.</li>\
<li><strong>Growth forecast.</strong> Independent forecasters expect the economy to expand by about \
1 per cent next year.</li></ul>\
<p>Economists say the balance between the first two numbers will be the hardest to strike. "Every \
euro spent on support is a euro that makes the deficit target harder," said Pieter Laan, an analyst at \
the Northgate Institute.</p>\
<p>Opposition parties have already said they will press the minister on how the energy scheme will be \
paid for, and on whether any of the promised savings rely on higher taxes.</p>\
<p>Follow our <a href="https://example.org/live/budget">live coverage</a> from the chamber as the \
statement is delivered.</p>\
""",
    },
    {
        "slug": "inside-race-to-lead-centre-alliance",
        "headline": "Inside the quiet race to lead the Centre Alliance",
        "standfirst": (
            "Three senior figures are preparing leadership bids ahead of the party conference, "
            "though none has yet declared."
        ),
        "section": "politics",
        "tags": ["Politics", "Elections"],
        "authors": ["journalist"],
        "hours_ago": 0,
        "status": "draft",
        "body": """\
<p>Three senior members of the Centre Alliance are quietly preparing to run for the party leadership, \
according to party officials, although none has made a public announcement.</p>\
<p>Deputy leader Ruth Ashby, health spokesman Callum Reid and the party's longest-serving MP, Ingrid \
Falk, have each held meetings with regional organisers in recent weeks.</p>\
<p>The current leader has said she will stand down after the conference. [TO CHECK: date of conference \
and rules on nominations.]</p>\
<p>"Everyone is counting names on a list, but no one wants to be the first to stand up," said one party \
official.</p>\
""",
    },
    # ------------------------------------------------------------------ World
    {
        "slug": "danube-delta-towns-begin-flood-clean-up",
        "headline": "Flood-hit towns in the Danube delta begin clean-up as waters recede",
        "standfirst": (
            "Residents of Portica and neighbouring villages returned home to assess damage after "
            "a week of flooding that forced hundreds to evacuate."
        ),
        "section": "world",
        "tags": ["Climate"],
        "authors": ["reporter2"],
        "hours_ago": 9,
        "status": "published",
        "body": """\
<p>Residents of several towns in the Danube delta have begun clearing mud and debris from their homes as \
floodwaters recede after a week of heavy rain.</p>\
<p>In Portica, a fishing town of about 4,000 people, the water reached the first floor of houses near \
the river. Local officials said more than 600 people had been evacuated to schools and sports halls.</p>\
<p>"We have lived with the river all our lives, but we have never seen it come this fast," said Ilie \
Moraru, a boat builder who spent the night helping neighbours move furniture.</p>\
<p>Regional authorities estimate that around 3,000 hectares of farmland were flooded. Engineers are \
inspecting two dykes that were damaged during the peak of the flood.</p>\
<p>Meteorologists said the rainfall over the catchment was among the highest recorded for the season, \
and warned that similar events were likely to become more frequent as the climate warms.</p>\
""",
    },
    {
        "slug": "aid-agencies-warn-water-shortages-tell-zahra-camps",
        "headline": "Aid agencies warn of water shortages in camps near Tell Zahra",
        "standfirst": (
            "Relief workers say thousands of families who fled fighting in northern Syria are relying "
            "on a handful of water trucks."
        ),
        "section": "world",
        "tags": ["Syria", "Turkey", "Migration"],
        "authors": ["journalist"],
        "hours_ago": 30,
        "status": "published",
        "body": """\
<p>Aid agencies have warned of a growing shortage of clean water in makeshift camps near the Turkish \
border, where thousands of families have arrived after fleeing fighting around the town of Tell \
Zahra.</p>\
<p>Relief workers say five water trucks are currently serving an estimated 18,000 people in three camps, \
well below the minimum recommended by humanitarian standards.</p>\
<p>"Children are queuing for hours with plastic bottles," said Yara Haddad, a field coordinator for a \
local aid group. "We are worried about disease if this continues for another week."</p>\
<p>The main road south of the camps has been closed by fighting, forcing convoys to use longer routes \
through the hills. Agencies have called for a pause in hostilities to allow supplies through.</p>\
<p>Turkish and Russian officials are due to hold ceasefire talks this week. Aid groups say any agreement \
should include guaranteed access for humanitarian deliveries.</p>\
""",
    },
    {
        "slug": "ministers-meet-valletta-sea-rescue-coordination",
        "headline": "Foreign ministers meet in Valletta to discuss sea rescue coordination",
        "standfirst": (
            "Ministers from nine Mediterranean states agreed to set up a shared contact centre "
            "but stopped short of a common plan for disembarkation."
        ),
        "section": "world",
        "tags": ["Migration", "Diplomacy"],
        "authors": ["editor", "journalist"],
        "hours_ago": 96,
        "status": "published",
        "body": """\
<p>Foreign ministers from nine Mediterranean countries met in Valletta to discuss closer coordination of \
search and rescue operations at sea, agreeing to create a shared contact centre by the end of the \
year.</p>\
<p>The centre would allow coastguards to exchange information on vessels in distress more quickly, \
according to a joint statement issued after the meeting.</p>\
<p>However, the ministers did not reach agreement on how to share responsibility for people brought \
ashore, an issue that has divided governments for years.</p>\
<p>"We have taken a practical step on the part we could agree on," said the meeting's chair, Anton \
Vella. "The harder questions remain on the table, and we will return to them."</p>\
<p>Humanitarian organisations said the contact centre was welcome but would not on its own reduce the \
number of deaths at sea.</p>\
""",
    },
    {
        "slug": "border-crossing-reopens-freight-trade-talks",
        "headline": "Border crossing reopens to freight as trade talks resume",
        "standfirst": (
            "Lorries began moving through the Yesilkapi crossing after negotiators agreed to suspend "
            "new inspection rules while talks continue."
        ),
        "section": "world",
        "tags": ["Trade", "Turkey", "Diplomacy"],
        "authors": ["reporter2"],
        "hours_ago": 4,
        "status": "review",
        "body": """\
<p>Freight traffic resumed at the Yesilkapi border crossing after trade negotiators agreed to suspend a \
set of new inspection rules that had left hundreds of lorries waiting for days.</p>\
<p>Drivers said queues stretched for more than 12 kilometres at the peak of the disruption, with some \
waiting up to four days to cross.</p>\
<p>"We lost fresh produce worth thousands," said Emre Kaya, who runs a small haulage company. "I am \
relieved, but I want to know this will not happen again next month."</p>\
<p>Negotiators from both sides said they would use the next six weeks to agree a joint inspection \
procedure. A customs official said the suspension would be reviewed if smuggling cases increased.</p>\
""",
    },
    # ------------------------------------------------------------------ Business
    {
        "slug": "central-bank-holds-rates-signals-patience",
        "headline": "Central bank holds interest rates, signals patience on inflation",
        "standfirst": (
            "Policymakers kept the main rate at 3.75 per cent and said they wanted to see more evidence "
            "that price growth was slowing before cutting."
        ),
        "section": "business",
        "tags": ["Economy"],
        "authors": ["editor"],
        "hours_ago": 3,
        "status": "published",
        "body": """\
<p>The central bank left its main interest rate unchanged at 3.75 per cent, saying it needed more \
evidence that inflation was returning to target before lowering borrowing costs.</p>\
<p>Seven of the nine members of the monetary policy committee voted to hold rates, while two favoured a \
quarter-point cut.</p>\
<p>"We have made good progress, but the job is not finished," governor Marta Lindqvist told a news \
conference. "Services prices in particular are still rising faster than we would like."</p>\
<p>Annual inflation fell to 2.9 per cent last month, its lowest level in two years, but wage growth \
remains strong.</p>\
<p>Most economists now expect the first cut early next year. Mortgage lenders said the decision would \
have little immediate effect on fixed-rate deals, which have already fallen in anticipation.</p>\
""",
    },
    {
        "slug": "port-operator-record-container-volumes",
        "headline": "Port operator reports record container volumes despite shipping delays",
        "standfirst": (
            "Eastmere Port Holdings handled more containers than ever in the third quarter as "
            "carriers rerouted cargo away from congested hubs."
        ),
        "section": "business",
        "tags": ["Trade", "Economy"],
        "authors": ["reporter2"],
        "hours_ago": 26,
        "status": "published",
        "body": """\
<p>Eastmere Port Holdings said it handled a record 1.4 million containers in the third quarter, up \
11 per cent on the same period last year, as shipping lines diverted cargo from more congested \
ports.</p>\
<p>Revenue rose 9 per cent, although the company said higher energy and labour costs had held back \
profit growth.</p>\
<p>Chief executive Nora Quist said the port had benefited from investment in automated cranes completed \
last year. "When other terminals were full, we had space, and carriers noticed," she said.</p>\
<p>The company warned that delays on major shipping routes could make volumes less predictable in the \
coming months. Its shares rose 4 per cent in morning trading.</p>\
""",
    },
    {
        "slug": "offshore-wind-farm-wins-approval",
        "headline": "Developer wins approval for offshore wind farm off the northern coast",
        "standfirst": (
            "The 900-megawatt Greyhaven project could supply electricity to around 800,000 homes "
            "once completed later this decade."
        ),
        "section": "business",
        "tags": ["Energy", "Climate"],
        "authors": ["journalist"],
        "hours_ago": 58,
        "status": "published",
        "body": """\
<p>A developer has received planning approval for a 900-megawatt offshore wind farm off the northern \
coast, one of the largest renewable energy projects in the country.</p>\
<p>The Greyhaven project, led by North Sea Renewables, would include up to 60 turbines about 30 \
kilometres from the shore. Construction is expected to begin in two years.</p>\
<p>"This is a decision that gives certainty to investors and to the supply chain," said the company's \
project director, Ellen Brooks.</p>\
<p>The planning authority attached conditions on the protection of seabird colonies and on fishing \
access during construction. Local fishing associations said they would monitor compliance closely.</p>\
<p>The government aims to more than double offshore wind capacity by the end of the decade as part of \
its climate targets.</p>\
""",
    },
    {
        "slug": "retail-chain-to-close-stores",
        "headline": "Retail chain Hartwell's to close 40 stores",
        "standfirst": (
            "The department store group said it would shut a quarter of its branches as shoppers "
            "move online."
        ),
        "section": "business",
        "tags": ["Economy"],
        "authors": ["editor"],
        "hours_ago": 120,
        "status": "withdrawn",
        "body": """\
<p>The department store group Hartwell's plans to close 40 of its 160 stores over the next year, \
according to people familiar with the matter.</p>\
<p>The closures would affect about 2,000 jobs, mostly in smaller towns where footfall has fallen \
sharply.</p>\
<p>The company declined to comment on the figures but said it was "reviewing the store estate" as part \
of a wider strategy to grow online sales.</p>\
<p>Unions said they had not been consulted and called for an urgent meeting with management.</p>\
""",
    },
    # ------------------------------------------------------------------ Sport
    {
        "slug": "late-penalty-harbour-city-cup-semi-finals",
        "headline": "Late penalty sends Harbour City into cup semi-finals",
        "standfirst": (
            "Jonas Berg scored from the spot in stoppage time to settle a tense quarter-final against "
            "Riverside Athletic."
        ),
        "section": "sport",
        "tags": ["Football"],
        "authors": ["reporter2"],
        "hours_ago": 14,
        "status": "published",
        "body": """\
<p>Jonas Berg converted a stoppage-time penalty to give Harbour City a 2-1 win over Riverside Athletic \
and a place in the semi-finals of the national cup.</p>\
<p>Riverside had equalised early in the second half through a header from captain Luis Moreno, and \
appeared to be heading for extra time before Berg was brought down in the area.</p>\
<p>"I had already decided where I was going to put it," Berg said. "You cannot think too much in that \
moment."</p>\
<p>Riverside manager Stefan Ilic said his side had been unlucky. "We matched them for 90 minutes. It is \
hard to go out like that," he said.</p>\
<p>The semi-final draw will take place on Sunday evening.</p>\
""",
    },
    {
        "slug": "national-coach-names-uncapped-players-qualifiers",
        "headline": "National coach names four uncapped players for qualifiers",
        "standfirst": (
            "Anna Richter's squad for the next two qualifying matches includes a 19-year-old "
            "goalkeeper and three young midfielders."
        ),
        "section": "sport",
        "tags": ["Football"],
        "authors": ["reporter2", "editor"],
        "hours_ago": 80,
        "status": "published",
        "body": """\
<p>National team coach Anna Richter has named four uncapped players in her squad for the next two \
World Cup qualifiers, signalling a shift towards younger talent.</p>\
<p>The most eye-catching call-up is 19-year-old goalkeeper Tobias Lund, who has played only 14 league \
matches for Harbour City.</p>\
<p>"Age is not a factor when I pick a squad. Form is," Richter told reporters. "These players have \
earned their chance."</p>\
<p>Veteran defender Marco Vidal was left out after missing several weeks with a knee injury. Richter \
said he remained part of her plans.</p>\
<p>The team plays away in the first match before returning home four days later.</p>\
""",
    },
    {
        "slug": "marathon-organisers-move-start-time-heat",
        "headline": "City marathon moves start time forward as heat forecast rises",
        "standfirst": (
            "Runners will set off an hour earlier on Sunday after forecasters predicted temperatures "
            "above 28C by midday."
        ),
        "section": "sport",
        "tags": ["Health", "Climate"],
        "authors": ["journalist"],
        "hours_ago": 150,
        "status": "published",
        "body": """\
<p>Organisers of the city marathon have moved the start of Sunday's race forward by an hour after \
forecasters predicted temperatures above 28C by midday.</p>\
<p>Elite runners will now start at 7.30am, with the mass start following shortly afterwards. Extra \
water stations and cooling points will be set up along the route.</p>\
<p>"The safety of runners comes first," said race director Paula Grant. "We would rather change the \
timetable than take risks with people's health."</p>\
<p>Medical staff advised participants to drink regularly, wear light clothing and slow their pace if \
they feel unwell. About 14,000 runners are registered for the event.</p>\
""",
    },
    # ------------------------------------------------------------------ Culture
    {
        "slug": "lighthouse-keeper-debut-wins-festival-prize",
        "headline": "Debut feature about a lighthouse keeper wins festival's top prize",
        "standfirst": (
            "Director Mira Solberg's The Long Watch took the Golden Anchor at the Eastmere Film "
            "Festival, beating a field of established names."
        ),
        "section": "culture",
        "tags": ["Film"],
        "authors": ["editor"],
        "hours_ago": 36,
        "status": "published",
        "body": """\
<p><em>The Long Watch</em>, the first feature film by director Mira Solberg, has won the Golden Anchor, \
the top prize at the Eastmere Film Festival.</p>\
<p>The film follows an ageing lighthouse keeper in the final year before his station is automated, and \
was shot over three winters on a small island off the northern coast.</p>\
<p>"I wanted to make a film about the people who do quiet jobs that keep others safe," Solberg said as \
she accepted the award. "Most of them never get a round of applause."</p>\
<p>The jury, chaired by actor Henrik Dahl, praised the film's "patience and precision". The best actor \
prize went to Arne Vik for his role as the keeper.</p>\
<p>The film is due to open in cinemas next spring. A full list of winners is available on the \
<a href="https://example.org/eastmere-film-festival/awards">festival website</a>.</p>\
""",
    },
    {
        "slug": "city-archive-digital-collection-old-newspapers",
        "headline": "City archive opens digital collection of century-old newspapers",
        "standfirst": (
            "More than 200,000 pages from local papers published between 1890 and 1930 can now be "
            "searched online for free."
        ),
        "section": "culture",
        "tags": ["Technology"],
        "authors": ["journalist"],
        "hours_ago": 180,
        "status": "published",
        "body": """\
<p>The city archive has made more than 200,000 pages of historic local newspapers available online, \
allowing anyone to search reports, advertisements and notices from between 1890 and 1930.</p>\
<p>The project took four years and involved scanning fragile bound volumes, many of which could no \
longer be handled by visitors.</p>\
<p>"These pages are the memory of ordinary life in the city," said archivist Greta Holm. "Family \
historians, students and curious readers can now explore them from home."</p>\
<p>Volunteers helped correct errors in the automatically recognised text, which makes the pages \
searchable. The archive is asking for more volunteers to work on the remaining volumes.</p>\
""",
    },
    # ------------------------------------------------------------------ Science
    {
        "slug": "trial-app-reminders-improve-medication-routines",
        "headline": "Hospital trial finds app reminders help patients keep to medication",
        "standfirst": (
            "Patients with high blood pressure who used a reminder app were more likely to take their "
            "tablets on time, according to a year-long study."
        ),
        "section": "science",
        "tags": ["Health", "Technology"],
        "authors": ["reporter2"],
        "hours_ago": 1,
        "status": "published",
        "body": """\
<p>Patients with high blood pressure who used a smartphone reminder app took their medication on time \
more often than those who did not, according to a year-long trial at St Aldric's University \
Hospital.</p>\
<p>The study followed 1,100 adults. Those using the app took 87 per cent of their doses on schedule, \
compared with 74 per cent in the comparison group.</p>\
<p>"The effect is modest for each person, but across a whole population it could mean fewer strokes \
and heart attacks," said Dr Samuel Achebe, who led the research.</p>\
<p>The researchers noted that older patients were less likely to keep using the app after the first few \
months, and said future versions should be designed with them in mind.</p>\
<p>The findings have been submitted to a peer-reviewed journal. The hospital plans a larger trial next \
year.</p>\
""",
    },
    {
        "slug": "researchers-map-glacier-retreat-aerial-photographs",
        "headline": "Researchers map glacier retreat using decades of aerial photographs",
        "standfirst": (
            "A team at the National Institute of Earth Sciences combined survey flights dating back to "
            "the 1950s to build a detailed record of ice loss."
        ),
        "section": "science",
        "tags": ["Climate", "Technology"],
        "authors": ["journalist", "editor"],
        "hours_ago": 200,
        "status": "published",
        "body": """\
<p>Scientists have used thousands of aerial photographs taken since the 1950s to produce a detailed map \
of how mountain glaciers have retreated over seven decades.</p>\
<p>The team at the National Institute of Earth Sciences digitised old survey images and combined them \
with modern satellite data to create three-dimensional models of 42 glaciers.</p>\
<p>They found that the glaciers had lost on average about 40 per cent of their volume since the first \
surveys, with the fastest losses in the past 20 years.</p>\
<p>"The old photographs were sitting in boxes. Now they are telling us exactly how fast the ice is \
going," said glaciologist Dr Lina Moreau.</p>\
<p>The researchers have made the models freely available so that other scientists and water planners \
can use them. The data can be explored on the \
<a href="https://example.org/science/glacier-atlas">project's interactive atlas</a>.</p>\
""",
    },
]
