"""Word lists used by the person-name recognisers (data, not logic)."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    """The white-space separated words of ``text``."""
    return tuple(text.split())


# Terms from health and social care practice, places, tools and labels that look like names to a
# tagger but are not (case-folded when compared).
CLINICAL_TERMS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
NEWS NEWS2 PEWS MEWS Sepsis Six SBAR Datix PDSA Waterlow Braden ReSPECT DNACPR DNAR DNR Teams Zoom
Skype Webex WhatsApp Outlook Excel SystmOne EMIS Cerner Epic Lorenzo Rio Nervecentre Barthel Glasgow
GCS MUST Malnutrition Universal Screening Tool Abbey Pain Scale Morse Falls Norton Wells Gold
Schwartz Rounds Swarm Huddle Huddles Safety Cross NHS NHSE NICE CQC GMC NMC HCPC HSE HSIB HSSIB RCN
RCGP BMA PALS PHSO MDT MDTs ICU ITU HDU AMU ED A&E GP GPs ICB ICS PCN CCG SUS OT PT SALT HCA HCAs
ANP ACP CNS RN RGN RMN SHO FY1 FY2 CT1 ST3 NQN Covid COVID Covid-19 COVID-19 Coronavirus Omicron
Delta Flu Norovirus MRSA CDiff Paracetamol Morphine Oramorph Midazolam Warfarin Heparin Insulin
Metformin Amoxicillin Oxycodone Fentanyl Naloxone Ventolin Salbutamol Tazocin Gentamicin Vancomycin
Clexane Apixaban Rivaroxaban Edoxaban Dabigatran Alzheimer Alzheimer's Parkinson Parkinson's
Huntington Crohn Crohn's Down Down's Asperger Asperger's Addison Cushing Hodgkin Bell's Mental
Capacity Act Deprivation Liberty Safeguards DoLS LPA Caldicott Duty Candour Freedom Speak Guardian
Guardians Safeguarding Incident Serious Never Event Events RCA PSIRF PSII AAR After Action Review
Learning Community Communities Practice Network Forum Lab Labs QI Improvement Quality Flow Kaizen
Lean Gemba Ishikawa Pareto Plan Study Act Do Situation Background Assessment Recommendation Handover
Mum Mummy Mom Mam Dad Daddy Nan Nanna Granny Grandma Grandad Grandpa Auntie Aunty Hun Darling
Sweetheart Pet Duck Mate Madam Boss Doc Security Switchboard Reception Management Admin Radiology
Pathology Haematology Microbiology Porters Portering Estates Domestic Domestics Housekeeping Bed Beds
Site Police Ambulance Paramedic Paramedics Fire Everybody Nobody Somebody Someone Anyone Control
Outreach Audit Audits Burnout Wellbeing Nightingale Florence Hospital@Home
Madopar Sinemet Keppra Epilim Tegretol Lamictal Movicol Laxido Lactulose Senna Oxynorm Oxycontin Zomorph
Buscopan Cyclizine Ondansetron Metoclopramide Haloperidol Levomepromazine Glycopyrronium Hyoscine Lorazepam
Diazepam Zopiclone Sertraline Citalopram Mirtazapine Amitriptyline Gabapentin Pregabalin Tramadol Codeine
Co-codamol Co-amoxiclav Augmentin Doxycycline Clarithromycin Nitrofurantoin Trimethoprim Flucloxacillin
Ceftriaxone Meropenem Teicoplanin Levothyroxine Ramipril Lisinopril Amlodipine Bisoprolol Atenolol
Furosemide Bumetanide Spironolactone Digoxin Atorvastatin Simvastatin Aspirin Clopidogrel Ticagrelor
Omeprazole Lansoprazole Gaviscon Prednisolone Dexamethasone Hydrocortisone Gliclazide Sitagliptin
Empagliflozin Dapagliflozin Ozempic Semaglutide Novomix Donepezil Memantine Rivastigmine Quetiapine
Olanzapine Risperidone Aripiprazole Clozapine Lithium Priadel Depakote Valproate Carbamazepine Phenytoin
Levetiracetam Rotigotine Ropinirole Pramipexole Rasagiline Co-careldopa Co-beneldopa Adcal Calcichew
Alendronate Pabrinex Fortijuce Complan Nutilis Zapain Solpadol Naproxen Ibuprofen Diclofenac Voltarol
Nurofen Calpol Piriton Cetirizine Loratadine Montelukast Seretide Symbicort Fostair Spiriva Atrovent Clenil
Qvar Trelegy Relvar Dermol Doublebase Diprobase Epaderm Zerobase Hydromol Sudocrem Metanium Conotrane
Canesten Daktarin Trimovate Betnovate Dovobet Timodine Bactroban Naseptin Fucidin Difflam Corsodyl
Bonjela Anusol Fybogel Dulcolax Bisacodyl Docusate Picolax Loperamide Imodium Dioralyte Oxybutynin
Tamsulosin Finasteride Solifenacin Mirabegron Foley Hickman PICC Guedel Yankauer Stedy Rotunda Optiflow
Airvo Oxylog Lifepak Zoll Alaris Graseby McKinley Baxter Braun Medirest Lactate Glucagon Hypostop
Glucogel Buccolam Epistatus Adrenaline Atropine Amiodarone Adenosine Alteplase Tenecteplase Tranexamic
Humulin Humalog Lantus Levemir Novorapid NovoRapid Tresiba Toujeo Abasaglar Doppler Dinamap Venflon
EpiPen Fragmin Oxygen Entonox Ensure Fortisip Cavilon Aquacel Mepilex Inadine Flamazine
Board Rounds Ward Wards Bay Bays Theatre Theatres Clinic Hospital Trust Foundation Unit Centre
Center Service Services Team Department Practice Surgery Hospice Home Homes Care Health Social
Community Council Authority Board Commissioning Primary Secondary Acute Emergency Urgent Intensive
Critical Respiratory Cardiology Oncology Paediatrics Maternity Midwifery Neonatal Mental Learning
Disability Disabilities Dementia Frailty Stroke Renal Surgical Medical Nursing Pharmacy
Physiotherapy Occupational Therapy Therapist Therapists Nurse Nurses Doctor Doctors Consultant
Consultants Registrar Registrars Matron Matrons Manager Managers Lead Leads Director Directors Chief
Executive Officer Officers Coordinator Facilitator Facilitators Practitioner Practitioners Assistant
Assistants Support Worker Workers Student Students Apprentice Sister Charge Senior Junior Staff
Patient Patients Resident Residents Relative Relatives Family Families Carer Carers Colleague
Colleagues Client Clients Service User Users Speaker Host Chair Interviewer Interviewee Participant
Participants Attendee Attendees Everyone Anonymous Unknown Note Notes Summary Action Actions
Question Questions Answer Title Author Role Date Consent Story Stories Transcript Session Sessions
Meeting Chat Recording Yes No Okay OK Thanks Thank Hello Hi Morning Afternoon Evening Right Well So
And But Yeah Yep Sure Great Brilliant Lovely Absolutely Exactly Really Actually Basically Honestly
Anyway Also Then Now Today Yesterday Tomorrow Tonight Christmas Easter Ramadan Diwali Eid Hanukkah
New Year England Scotland Wales Ireland Britain UK GB English Scottish Welsh Irish British London
Leeds Manchester Birmingham Liverpool Bristol Sheffield Newcastle Nottingham Leicester York Bradford
Wakefield Hull Cardiff Edinburgh Glasgow Belfast Yorkshire Lancashire Cumbria Kent Surrey Essex
Devon Cornwall Midlands North South East West Northern Southern Eastern Western Central Street Road
Lane Avenue Microsoft Google Apple Amazon Facebook Twitter LinkedIn Instagram YouTube TikTok Slack
Miro Padlet Mentimeter Jamboard Otter Android iPhone iPad Windows Mac PowerPoint Word Excel Forms
SharePoint Email E-mail Contact Contacts Phone Tel Telephone Mobile Address Fax Subject Re Fwd Ref
Reference Website Web Link Links Profile Page Post Tweet Message Text Call OneDrive Dropbox Box ESR
Allocate SafeCare Rota Rotas Bank Agency
"""
    )
)

# Languages people speak and interpreters are booked for (a language is not a person: "speaks Tigrinya").
# Languages that are also first names (Karen, Shona) are left out.
LANGUAGES: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Tigrinya Tigre Amharic Oromo Somali Bravanese Swahili Kiswahili Lingala Kikongo Tshiluba Luganda Kinyarwanda
Kirundi Twi Akan Fante Ga Ewe Yoruba Igbo Hausa Fula Fulani Wolof Mandinka Krio Ndebele Zulu Xhosa
Sesotho Setswana Chichewa Tumbuka Pashto Dari Farsi Persian Kurdish Kurmanji Sorani Badini Feyli Arabic
Urdu Punjabi Panjabi Mirpuri Pahari Potwari Gujarati Bengali Bangla Sylheti Hindi Marathi Nepali Tamil
Telugu Kannada Malayalam Sinhala Sinhalese Mandarin Cantonese Hakka Hokkien Vietnamese Thai Khmer Lao
Burmese Tagalog Filipino Ilocano Cebuano Bisaya Malay Indonesian Korean Japanese Mongolian Turkish
Turkmen Uzbek Kazakh Tajik Azeri Azerbaijani Albanian Kosovan Romanian Moldovan Bulgarian Romani Romanes
Polish Czech Slovak Hungarian Latvian Lithuanian Estonian Ukrainian Russian Belarusian Georgian Armenian
Greek Portuguese Spanish Catalan Galician Basque Italian French Dutch Tetum Creole Patois Makaton
BSL Welsh Cymraeg Gaelic Gàidhlig Scots Shelta Hebrew Yiddish Ladino Maltese
"""
    )
)

MONTHS: frozenset[str] = frozenset(
    _words(
        """
january february march april may june july august september october november december jan feb mar
apr jun jul aug sep sept oct nov dec
"""
    )
)
DAYS: frozenset[str] = frozenset(
    _words(
        """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
"""
    )
)

# Honorifics and professional titles that may precede a name.
TITLES: frozenset[str] = frozenset(
    _words(
        """
mr mrs ms miss mx dr doctor prof professor sister nurse matron rev revd reverend father sir dame
lady lord cllr councillor captain capt major mister missus missis
"""
    )
)

# Common English words that are also given names or surnames. Parts of a name that are in this
# list are matched only when capitalised ("Ward" the surname, not "the ward").
COMMON_WORD_NAMES: frozenset[str] = frozenset(
    _words(
        """
will may mark rose bill pat sue grace hope faith joy dawn amber summer april june august frank jack
sky ward baker cook young king hall wood bell day long page wall green brown white black gray grey
rich hunter carter fisher butler porter taylor mason turner miller walker parker cooper shepherd
bishop knight price lane hill park field brook brooks rivers north west south east bond cash case
chase child church clay close cross dale dean drew earl english fox gay gill glass golden good hart
holly ivy lily iris violet poppy daisy heather jasmine ruby pearl crystal jade sunny sandy rusty
buddy cliff dusty dick rob robin sterling penny major noble page reed rice sage sharp short small
spring stone strong swift banks marsh moss more moore lord love lowe lucky marshal marshall may
miles nash ray read rose rowe salt sands say sergeant skinner snow steel stern storm street sweet
trim vale wade walsh waters watt wells west wise wolf woods worth wren art ash bay bob chip chuck
don doc gene hank jim kit lance mac max mike nick norm roger sonny ted tony van vet victor win carol
chance christian colt deacon destiny dolly eve fern genesis harmony honey jean jewel jolly kitty
liberty blessing river mercy misty patience precious raven serenity star trinity una angel baby bunny candy cherry
coco
"""
    )
)

# Apps, platforms and sites: never a person ("it's Snapchat maps"); kept apart from CLINICAL_TERMS, which
# scripts/build_namelike.py learns from.
PLATFORMS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Snapchat Instagram TikTok Facebook Twitter YouTube Telegram Discord Messenger LinkedIn Reddit Tinder Grindr
Pinterest Tumblr Twitch Roblox Minecraft Fortnite Xbox PlayStation GoFundMe JustGiving Padlet Gmail Hotmail
Insta Threads Bluesky Mastodon Vinted Depop Kik Wattpad Onlyfans OnlyFans
Notepad TextEdit LibreOffice OpenOffice WordPad Outlook Excel SharePoint OneDrive Dropbox WhatsApp Zoom
"""
    )
)

# Month names in Welsh, Scottish Gaelic and Irish, folded. Most are in data/celtic_words.txt (never a name); those
# that are given names too ("Mai", "Medi", "Márta", "Nollaig") are a month after a day's number or "mis"
# ("12 Mai 2025", "ym mis Medi", "15 Márta"), a name elsewhere ("I am Mai").
CELTIC_MONTHS: frozenset[str] = frozenset(
    _words(
        """
ionawr chwefror mawrth ebrill mai mehefin gorffennaf awst medi hydref tachwedd rhagfyr
faoilleach faoilteach gearran mart giblean ceitean ogmhios t-ogmhios iuchar t-iuchar lunastal sultain t-sultain
damhair samhain t-samhain dubhlachd
eanair feabhra marta aibrean bealtaine meitheamh iuil lunasa fomhair nollaig
"""
    )
)

# Helplines and charities people are pointed to, by the one word they go by: never a person ("rang Childline",
# "Refuge took her"). Names that are also first names or surnames ("Frank", "Cruse", "Macmillan") stay out.
CHARITIES: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Childline Crimestoppers Samaritans NSPCC Barnardo's Barnardos Mencap Kooth Shelter Refuge Papyrus StepChange
Turn2us Nightline Mermaids Stonewall SignHealth Galop Hestia Mankind Respect Shout Switchboard Talkworks
"""
    )
)

# Contraceptive and HRT brands that no name list has (drugs.txt lacks them; "Yasmin", "Katya", "Lucette" and "Hana"
# are first names too and stay out): never a person ("Cerelle, Zelleta, Sunya, Eloine, Millinette").
PILL_BRANDS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Cerelle Zelleta Sunya Eloine Millinette Elleste Rigevidon Microgynon Femodette Gedarel Maexeni Ovranette
Cerazette Noriday Norgeston Feanolla Desomono Lovima Qlaira Zoely Yacella Logynon TriRegol Brevinor Norimin
Femodene Mercilon Akizza Aidulan Daylette Slynd Dretine Levonelle ellaOne Upostelle Evorel Estradot Sandrena
Oestrogel Femoston Kliovance Livial Premique Indivina Bijuva Utrogestan Nexplanon Marvelon Cilest Levest
"""
    )
)

# UK medicine, nutrition and mouth-care brands that drugs.txt (an international dictionary) lacks: never a person
# ("Switched to Buvidal injection monthly", "Fortisip twice a day", "Biotène sample given"); first names and
# surnames stay out
UK_MEDICINE_BRANDS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Buvidal Espranor Clopixol Depixol Modecate Xeplion Trevicta Epilim Buccolam Epistatus Oxynorm Longtec Shortec
Movicol Laxido Fortisip Fortijuice Calogen Ensure Adcal Invita Fultium Nytol Sytron Biotene Biotène Oralieve
BioXtra Corsodyl Duraphat Glandosane Saliveze Difflam Oramorph Zomorph Instanyl Abstral Matrifen Butec Sevodyne
Dermol Doublebase Epimax Hydromol Zerobase Cetraben Aveeno Medihoney Aquacel Mepilex Allevyn Inadine Flamazine
Scheriproct Anusol Gaviscon Peptac Senokot Dulcolax Fybogel Lactulose Cosmocol Hylo Viscotears Clinitas
"""
    )
)

# Medical devices, their makers and clinical record systems that no name list has: never a person ("logged with
# Medtronic for a replacement", "uploaded to Glooko"); makers that are surnames too (Abbott, Roche) stay out.
DEVICE_BRANDS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Medtronic Dexcom Omnipod FreeStyle Glooko Diasend CareLink Ypsomed Insulet Medtrum Ascensia ResMed Invacare
Nervecentre Cerner Meditech Datix InPhase Accurx Patchs Docman SystmOne Liquidlogic Careflow Eclipse Badgernet
"""
    )
)

# Festivals, rites and places of worship that no name list has: never a person ("light Shabbat candles").
FAITH_WORDS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Shabbat Chanukah Passover Pesach Purim Sukkot Vaisakhi Baisakhi Navratri Holi Hashanah Kippur Shavuot Janmashtami
Nowruz Iftar Suhoor Langar Gurdwara Mandir Masjid
"""
    )
)

# Car models that no name list has (not Octavia, Megane, Sharan): never a person ("a silver Corsa").
CAR_MODELS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Corsa Fiesta Mondeo Kuga Passat Tiguan Touran Scirocco Clio Captur Kadjar Micra Qashqai Juke
Yaris Corolla Aygo Prius Punto Berlingo Zafira Insignia Mokka Meriva Picanto Sportage Tucson
Hilux Evoque Freelander Vivaro Kangoo Doblo Sandero Vitara Jimny Ibiza Arona Ateca Xsara Transit
"""
    )
)

# Nouns after which a capitalised word is very likely a person's name ("her son Gary");
# "_" stands for a space.
RELATION_NOUNS: tuple[str, ...] = _words(
    """
colleague co-worker coworker patient client resident service_user son daughter husband wife
partner mum mom mother dad father friend manager boss nurse carer caregiver brother sister neighbour
neighbor grandson granddaughter grandmother grandfather grandma grandad granddad nan nana gran niece
nephew aunt auntie uncle cousin student mentor mentee supervisor consultant doctor registrar gp GP
matron baby boy girl man woman lady gentleman child stepson stepdaughter fiance fiancee boyfriend
girlfriend relative lodger tenant midwife physio therapist hca healthcare_assistant support_worker key_worker
keyworker social_worker ot pharmacist receptionist porter paramedic technician f1 f2 fy1 sho staff_nurse
charge_nurse team_leader apprentice volunteer interpreter chaplain housekeeper HCA OT SHO FY1 F1 F2
occupier occupant householder homeowner landlord landlady leaseholder claimant complainant informant caller
victim perpetrator suspect offender applicant defendant witness guardian parent foster_carer
"""
)

# Words that are not in spaCy's stop list but never a name on their own in speech.
EXTRA_STOP_WORDS: frozenset[str] = frozenset(
    _words("i im i'm hi hello hey ok okay yes yeah no thanks thank sorry oh um uh er erm")
    + _words("ha haha ah eh hm hmm aw ooh wow")
    # adverbs that open a sentence before a name ("Later Des said"): never part of the name
    + _words("later eventually luckily sadly finally suddenly yesterday today tonight tomorrow earlier initially")
    + _words("thankfully fortunately unfortunately honestly basically apparently obviously instead soon recently")
    + _words("lately overnight actually clearly afterwards meanwhile")
)

# Section labels and headings that can start a line like a speaker's name ("Outcome: ...").
LABEL_WORDS: frozenset[str] = frozenset(
    w.casefold()
    for w in _words(
        """
Outcome Outcomes Background Context Learning Lesson Lessons Reflection Reflections Impact Next Steps
Result Results Finding Findings Issue Issues Problem Problems Solution Solutions Update Updates Agenda
Cc Bcc Fwd Fw Subject Doubt Doubts Worry Worries Concern Concerns Mistake Mistakes Error Errors Win Wins
Positives Negatives Tried
Username Handle Born Ph Tel Mob Mobile Phone Landline Fax Email Dob Birthday Birthdate Postcode Address Addresses
Surname Surnames Forename Forenames Firstname Lastname Nickname Alias Gender Ethnicity Nationality Religion
Insight Insights Takeaway Takeaways Thoughts Feelings Observation Observations Challenge Challenges
Minutes Present Apologies Purpose Aim Aims Objective Objectives Goal Goals Method Methods Introduction
Conclusion Conclusions Recommendations Key Points Point Tip Tips Warning Important NB PS Comment
Comments Feedback Response Reply Prompt Theme Themes Topic Topics Location Venue Time Duration
Recorded Transcribed Source Sources Tags Tag Keywords Status Priority Category Type Description Details
Example Examples Quote Quotes Observation Observations Actions Owner Owners Deadline Evidence Risk
Risks Mitigation Challenge Challenges Success Successes Barrier Barriers Enabler Enablers What Why How
When Where Who Overview Highlights Lowlights Wins Concerns Ideas Idea Next Q A Question Context
Scenario Situation Task Result Reason Reasons Cause Causes Change Changes Measure Measures Data
Chair Facilitator Moderator Interviewer Respondent Transcript Speaker Unknown Unidentified Inaudible
Crosstalk Laughter Pause Silence Music Applause Edit Edited Draft Final Version Revision Page Section
Part Chapter Appendix Figure Table Notes Name Names Email Phone Signed Dated
Sent Received Importance Attachment Attachments Forwarded
Barcode Label Wristband Sticker Scan Screenshot Printout Extract Record Records Form Referral Voicemail Memo
"""
    )
)

# CSV column headers whose cells are people's names.
CSV_PERSON_COLUMNS: tuple[str, ...] = _words(
    """author speaker facilitator name interviewer interviewee storyteller contributor participant
    submitted_by written_by patient_name staff_name"""
)

# Lower-case particles inside names ("Siobhan Ni Dhuibhir", "van der Berg"): never matched alone.
NAME_PARTICLES: tuple[str, ...] = _words("de van von der den da di du la le bin al ap el ni nic mac o")


# scores and classifications named after their authors, written with a grade or a number after them ("Gleason
# 3+4", "Gustilo IIIB", "Killip class II"): eponyms only so (a Mr Gleason is a person); common surnames ("Wells",
# "Fisher", "Clark") are left out, so "saw Fisher 3 times" stays a person
GRADED_EPONYMS: frozenset[str] = frozenset(
    {"gleason", "gustilo", "breslow", "mallampati", "killip", "alvarado", "centor", "epworth", "barthel", "child-pugh"}
    | {"salter-harris", "cormack-lehane", "garden", "dukes", "frankel", "nyha", "rockall", "blatchford", "spetzler"}
)

# Names of conditions, scores, charities and events made from people's names: never a person on their own
# ("Parkinsonism", "Apgar scores", "Prader-Willi", "the Marie Curie nurse", "the Windrush generation").
# Folded (lower case, no accents) as :func:`storymine.privacy.names.fold_word` writes them. Only words that
# are not also common first names: "Addison" or "Graves" alone can be a person.
EPONYMS: frozenset[str] = frozenset(
    (
        "parkinsonism",
        "apgar",
        "prader-willi",
        "guillain-barre",
        "stevens-johnson",
        "cheyne-stokes",
        "creutzfeldt-jakob",
        "ehlers-danlos",
        "osgood-schlatter",
        "wolff-parkinson-white",
        "korsakoff",
        "wernicke",
        "wernicke-korsakoff",
        "heimlich",
        "gillick",
        "lewy",
        "munchausen",
        "tourette",
        "raynaud",
        "sjogren",
        "meniere",
        "kawasaki",
        "hashimoto",
        "duchenne",
        "marfan",
        "hirschsprung",
        "klinefelter",
        "dupuytren",
        "trendelenburg",
        "waterlow",
        "caldicott",
        "kaposi",
        "legionnaires",
        "epstein-barr",
        "marie curie",
        "sue ryder",
        "macmillan",
        "barnardo",
        "barnardo's",
        "mencap",
        "windrush",
        # Welsh health boards and hospices named after people, and people the NHS names things after (round 25):
        # "Betsi Cadwaladr mental health team", "Hywel Dda letterhead", "Respite at Tŷ Hafan"
        "betsi cadwaladr",
        "aneurin bevan",
        "hywel dda",
        "cwm taf",
        "ty hafan",
        "ty gobaith",
        "claire house",
        "martin house",
        "naomi house",
        "helen house",
        "douglas house",
        "rachel house",
        "robin house",
        "francis house",
        "derian house",
        "zoe's place",
        "donna louise",
        "florence nightingale",
        "mary seacole",
        "cicely saunders",
    )
)


# Communities and peoples that name lists or the tagger take for surnames ("the Gypsy family", "a Roma lad",
# "the Traveller kids"): never a person's name on their own (case-folded).
COMMUNITY_WORDS: frozenset[str] = frozenset(
    _words(
        """
traveller travellers gypsy gypsies gipsy roma romany romani romanichal pavee sinti yenish showman showmen
bargee bargees boater boaters amish
"""
    )
)

# A kind of family or a people before a household word ("the Irish family", "the Kinship family"): not a surname.
KIN_ADJECTIVES: frozenset[str] = frozenset(
    _words(
        """
irish scottish welsh english british cornish manx jewish muslim sikh hindu christian catholic protestant quaker
orthodox adoptive kinship host birth step
"""
    )
)

# Speaker labels that name a role or a machine, not a person ("call handler", "Caller", "Control", "Speaker 2").
ROLE_LABEL_WORDS: frozenset[str] = frozenset(
    _words(
        """
call caller callers handler operator control dispatch dispatcher speaker unknown participant participants member
attendee guest host crew clinician advisor adviser agent narrator voice audience presenter moderator chair staff
user system bot stt transcript recording notetaker scribe responder clinical triage
"""
    )
)
