/**
 * Capitalised words and phrases that agreements use without defining them, because they are proper
 * names or drafting boilerplate: months and days, countries and regions, regulators and courts,
 * statutes, officers' titles, addresses. The undefined-term rule never flags them. Kept as data in
 * one place so a false alarm found on a real agreement is fixed by one line here.
 */

export const MONTHS = [
  "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
  "December",
];

/** Single capitalised words that never count as part of an undefined term. */
export const KNOWN_WORDS = new Set(
  [
    ...MONTHS,
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    // Drafting boilerplate: the agreement's own structure and parties.
    "Agreement", "Agreements", "Amendment", "Party", "Parties", "Section", "Sections", "Article", "Articles", "Exhibit",
    "Exhibits", "Schedule", "Schedules", "Annex", "Annexes", "Appendix", "Appendices", "Attachment", "Attachments",
    "Recital", "Recitals", "Clause", "Clauses", "Paragraph", "Paragraphs", "Whereas", "Witnesseth", "Preamble",
    "Licensor", "Licensee", "Licensors", "Licensees", "Sublicensee", "Sublicensees", "Buyer", "Seller", "Supplier",
    "Purchaser", "Customer", "Distributor", "Manufacturer", "Company", "Sponsor", "Institution", "Investigator",
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Inc", "Ltd", "Co", "Corp", "Corporation", "Limited", "LLC", "GmbH", "AG", "Plc",
    // Honorific or emphatic capitals that are not terms.
    "Dollars", "Dollar", "Euros", "Euro", "Francs", "Pounds", "Yen", "Renminbi", "Yuan",
  ].map((w) => w.toLowerCase()),
);

/** Words that start a sentence or a heading in capitals but never start a term. */
export const STOP_WORDS = new Set(
  [
    "a", "an", "the", "this", "that", "these", "those", "each", "any", "all", "such", "no", "none", "either", "neither",
    "both", "every", "other", "another", "its", "their", "his", "her", "our", "your", "if", "in", "on", "at", "by",
    "for", "to", "of", "and", "or", "but", "nor", "upon", "with", "within", "without", "under", "after", "before",
    "during", "following", "prior", "subject", "notwithstanding", "except", "unless", "until", "as", "from", "into",
    "it", "he", "she", "we", "they", "there", "where", "when", "whereas", "now", "therefore", "hereby", "provided",
    "further", "also", "however", "thereafter", "herein", "hereto", "notice", "not", "only", "then", "so", "than",
    "which", "who", "what", "whether", "same", "between", "among", "through", "per", "via", "vs", "shall", "will",
    "may", "must", "can", "should", "would", "could", "is", "are", "be", "has", "have", "had", "do", "does", "please",
    "attn", "attention", "re", "note", "see", "including", "include", "includes", "other", "one", "two", "three",
    "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "old", "yes",
    "most", "more", "less", "least", "many", "much", "some", "several", "certain", "here", "thereof", "hereof",
    "whereof", "accordingly", "additionally", "finally", "generally", "similarly", "also", "again", "why", "how",
    "up", "down", "out", "off", "over", "zero", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "percent", "always", "never", "solely", "jointly", "together",
  ],
);

/** Words that make a phrase the name of a law, rule set or standard wherever they sit in it ("Code on Interactions"). */
export const STATUTE_WORDS = new Set([
  "act", "acts", "code", "codes", "convention", "treaty", "directive", "constitution", "statute", "statutes", "ordinance",
  "rules", "guidelines", "guidance", "regulations",
]);

/** Corporate suffixes: a capitalised run ending in one is a company's name. */
export const CORPORATE_WORDS = new Set([
  "inc", "ltd", "llc", "llp", "lp", "corp", "corporation", "company", "gmbh", "ag", "plc", "sa", "sas", "nv", "bv", "kk",
  "limited", "incorporated", "spa", "srl", "sarl", "pty", "oy", "ab", "asa", "se", "kgaa", "co",
]);

/** Proper names that contain punctuation, masked before the text is split into phrases. */
export const PUNCTUATED_NAMES = [
  /Ministry of Health,\s+Labou?r (?:and|&) Welfare/g,
  /Federal Food,\s+Drug,?\s+and Cosmetic Act/g,
  /Health Insurance Portability and Accountability Act/g,
  /Medicines and Healthcare products Regulatory Agency/g,
];

/** Connector words allowed inside a term ("Statement of Work", "Request for Proposal"); "the" only after "of". */
export const CONNECTORS = new Set(["of", "for", "and", "&", "on", "the"]);

/** Countries, regions and places written as several capitalised words. */
const PLACES = [
  "United States", "United States of America", "United Kingdom", "European Union", "European Economic Area",
  "European Free Trade Association", "People's Republic of China", "Peoples Republic of China", "Republic of China",
  "Republic of Korea", "South Korea", "North Korea", "Hong Kong", "Macau", "Macao", "New Zealand", "South Africa",
  "Saudi Arabia", "United Arab Emirates", "Costa Rica", "Puerto Rico", "Dominican Republic", "El Salvador",
  "Czech Republic", "Slovak Republic", "Russian Federation", "Sri Lanka", "North America", "South America",
  "Latin America", "Central America", "Middle East", "Asia Pacific", "Asia-Pacific", "Greater China", "Mainland China",
  "Southeast Asia", "Western Europe", "Eastern Europe", "Northern Ireland", "Great Britain", "Isle of Man",
  "Channel Islands", "Cayman Islands", "British Virgin Islands", "Virgin Islands", "New Jersey", "New York",
  "New Mexico", "New Hampshire", "North Carolina", "South Carolina", "North Dakota", "South Dakota", "Rhode Island",
  "West Virginia", "District of Columbia", "New York City", "San Francisco", "South San Francisco", "San Diego",
  "Los Angeles", "San Jose", "Santa Clara", "Salt Lake City", "Kansas City", "Research Triangle Park", "Tel Aviv",
  "Sao Paulo", "São Paulo", "Rio de Janeiro", "Buenos Aires", "Mexico City", "Kuala Lumpur", "Abu Dhabi", "Cape Town",
  "Ho Chi Minh City", "Special Administrative Region", "Hong Kong Special Administrative Region",
  "Macau Special Administrative Region", "Suzhou Industrial Park", "Jiangsu Province", "Grand Duchy of Luxembourg",
  "Federal Republic of Germany", "Kingdom of Spain", "Kingdom of the Netherlands", "Swiss Confederation",
  "Commonwealth of Massachusetts", "Commonwealth of Pennsylvania", "Commonwealth of Virginia", "State of Delaware",
  "State of New York", "State of California", "Silicon Valley", "Bay Area", "Eastern Time", "Pacific Time",
  "Central European Time", "Greenwich Mean Time", "Coordinated Universal Time",
];

/** Regulators, courts, exchanges and other bodies written out in full. */
const BODIES = [
  "Food and Drug Administration", "Drug Administration", "European Medicines Agency", "Medicines Agency",
  "European Commission", "National Medical Products Administration", "Medical Products Administration",
  "Pharmaceuticals and Medical Devices Agency", "Medicines and Healthcare products Regulatory Agency",
  "Health Canada", "Ministry of Health", "Department of Health", "Department of Health and Human Services",
  "Securities and Exchange Commission", "Exchange Commission", "Federal Trade Commission", "Department of Justice",
  "Internal Revenue Service", "Patent and Trademark Office", "Trademark Office", "Patent Office", "European Patent Office",
  "World Intellectual Property Organization", "World Health Organization", "International Chamber of Commerce",
  "American Arbitration Association", "London Court of International Arbitration", "Judicial Arbitration and Mediation Services",
  "International Centre for Dispute Resolution", "International Council for Harmonisation",
  "International Conference on Harmonisation", "International Conference on Harmonization", "Board of Directors",
  "Supreme Court", "District Court", "Court of Appeals", "Bankruptcy Court", "Chancery Court", "Court of Chancery",
  "New York Stock Exchange", "Stock Exchange", "Nasdaq Stock Market", "Nasdaq Global Market", "Nasdaq Global Select Market",
  "Centers for Medicare and Medicaid Services", "Centers for Medicare & Medicaid Services", "Drug Enforcement Administration",
  "Office of Foreign Assets Control", "Bureau of Industry and Security", "Department of Commerce", "Department of State",
  "Department of the Treasury", "National Institutes of Health", "National Cancer Institute",
  "Center for Drug Evaluation and Research", "Center for Biologics Evaluation and Research", "Federal Reserve",
  "Wall Street Journal", "Federal Register", "Official Journal", "Orange Book", "Purple Book", "Code of Federal Regulations",
  "United States Code", "Generally Accepted Accounting Principles", "International Financial Reporting Standards",
  "Good Manufacturing Practice", "Good Manufacturing Practices", "Good Clinical Practice", "Good Clinical Practices",
  "Good Laboratory Practice", "Good Laboratory Practices", "Good Distribution Practice", "Good Pharmacovigilance Practices",
  "Current Good Manufacturing Practice", "Current Good Manufacturing Practices", "Patent Cooperation Treaty",
  "Paris Convention", "Hatch-Waxman", "Medicare", "Medicaid", "Social Security", "Risk Evaluation and Mitigation Strategy",
  "Risk Evaluation and Mitigation Strategies", "New Drug Application", "New Drug Applications", "Abbreviated New Drug Application",
  "Biologics License Application", "Investigational New Drug", "Orphan Drug Designation", "Breakthrough Therapy Designation",
  "Electronic Signatures in Global and National Commerce", "Force Majeure", "Good Faith", "Bona Fide", "Pro Rata",
  // Insurance lines, named the way insurers name them.
  "Commercial General Liability", "Products Liability", "Product Liability", "Clinical Trial Liability",
  "Completed Operations", "Products and Completed Operations", "Premises and Operations", "Personal Injury",
  "Bodily Injury", "Property Damage", "Umbrella Liability", "Excess Liability", "Errors and Omissions",
  "Workers Compensation", "Employers Liability",
  "Chief Executive Officer",
  "Chief Financial Officer", "Chief Operating Officer", "Chief Medical Officer", "Chief Scientific Officer",
  "Chief Business Officer", "Chief Commercial Officer", "Chief Technology Officer", "Chief Legal Officer",
  "General Counsel", "Vice President", "Senior Vice President", "Executive Vice President", "Executive Officer",
  "Executive Officers", "Managing Director", "Corporate Secretary",
];

/** Lower-cased phrases that are proper names, not terms. */
export const KNOWN_PHRASES = new Set([...PLACES, ...BODIES].map((p) => p.toLowerCase().replace(/\s+/g, " ")));

/** Single place names that can sit inside a capitalised run ("Delaware corporation", "Basel, Switzerland"). */
export const PLACE_WORDS = new Set(
  [
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida", "Georgia",
    "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland",
    "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Tennessee", "Texas", "Utah", "Vermont", "Virginia", "Washington",
    "Wisconsin", "Wyoming", "Boston", "Cambridge", "Chicago", "Seattle", "Houston", "Philadelphia", "Princeton",
    "Rockville", "Gaithersburg", "Bethesda", "Berkeley", "Emeryville", "Oakland", "Basel", "Zurich", "Geneva",
    "London", "Paris", "Berlin", "Munich", "Tokyo", "Osaka", "Beijing", "Shanghai", "Suzhou", "Seoul", "Singapore",
    "Sydney", "Melbourne", "Toronto", "Montreal", "Vancouver", "Dublin", "Amsterdam", "Brussels", "Copenhagen",
    "Stockholm", "Oslo", "Helsinki", "Vienna", "Madrid", "Barcelona", "Milan", "Rome", "Taipei", "Mumbai", "Delhi",
    "Bangalore", "Israel", "Jerusalem", "Afghanistan", "Albania", "Algeria", "Argentina", "Armenia", "Australia",
    "Austria", "Azerbaijan", "Bahrain", "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Bulgaria",
    "Cambodia", "Cameroon", "Canada", "Chile", "China", "Colombia", "Croatia", "Cuba", "Cyprus", "Czechia", "Denmark",
    "Ecuador", "Egypt", "Estonia", "Ethiopia", "Finland", "France", "Germany", "Ghana", "Greece", "Guatemala",
    "Honduras", "Hungary", "Iceland", "India", "Indonesia", "Iran", "Iraq", "Ireland", "Italy", "Jamaica", "Japan",
    "Jordan", "Kazakhstan", "Kenya", "Korea", "Kuwait", "Latvia", "Lebanon", "Liechtenstein", "Lithuania",
    "Luxembourg", "Malaysia", "Malta", "Mexico", "Moldova", "Monaco", "Mongolia", "Montenegro", "Morocco", "Myanmar",
    "Nepal", "Netherlands", "Nicaragua", "Nigeria", "Norway", "Oman", "Pakistan", "Panama", "Paraguay", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Serbia", "Slovakia", "Slovenia", "Spain",
    "Sweden", "Switzerland", "Syria", "Taiwan", "Thailand", "Tunisia", "Turkey", "Ukraine", "Uruguay", "Venezuela",
    "Vietnam", "Yemen", "Zimbabwe", "Europe", "Asia", "Africa", "America", "Americas", "Oceania", "Scandinavia",
    "Nordic", "Nordics", "Benelux", "England", "Wales", "Scotland", "Britain", "Macau", "Macao", "Province", "State",
    "County", "City", "Commonwealth", "Republic", "Kingdom", "Federation", "Emirates",
    // Nationalities used as adjectives ("a Delaware corporation", "a Swiss company").
    "American", "European", "Swiss", "German", "French", "British", "Chinese", "Japanese", "Korean", "Canadian",
    "Australian", "Israeli", "Indian", "Irish", "Dutch", "Belgian", "Danish", "Swedish", "Norwegian", "Italian",
    "Spanish", "Brazilian", "Mexican", "Russian", "Taiwanese", "Singaporean", "English", "Latin", "Asian", "African",
  ].map((w) => w.toLowerCase()),
);

/**
 * Last words that mark a proper name: a statute ("Bankruptcy Code", "Securities Exchange Act"), a body
 * ("Patent Office", "Arbitration Association"), a company ("Merck Sharp & Dohme Corp"), an address
 * ("Gude Drive"), an officer ("Chief Scientific Officer").
 */
export const PROPER_NAME_HEADS = new Set(
  [
    "act", "acts", "code", "codes", "convention", "treaty", "directive", "constitution", "statute", "statutes",
    "ordinance", "regulation", "regulations", "rules", "guidelines", "guidance",
    "administration", "agency", "commission", "association", "institute", "institutes", "organization", "organisation",
    "office", "court", "courts", "bureau", "department", "ministry", "chamber", "exchange", "tribunal", "university",
    "college", "school", "hospital", "hospitals", "clinic", "foundation", "society", "bank", "trust", "council",
    "inc", "ltd", "llc", "llp", "lp", "corp", "corporation", "company", "gmbh", "ag", "plc", "sa", "nv", "bv", "kk",
    "limited", "incorporated", "holdings", "group", "pharmaceuticals", "pharmaceutical", "therapeutics", "biosciences",
    "bioscience", "biotherapeutics", "biopharma", "biopharmaceuticals", "biologics", "biotech", "biotechnology",
    "laboratories", "labs", "pharma", "sciences", "technologies",
    "street", "avenue", "road", "drive", "boulevard", "lane", "parkway", "plaza", "square", "suite", "floor",
    "building", "tower", "highway", "way", "place", "circle", "terrace", "centre", "center", "campus", "fund",
    "officer", "officers", "president", "counsel", "secretary", "treasurer", "chairman", "chairperson", "chair",
    "director", "directors",
    // Currencies written out ("United States Dollars", "Swiss Francs").
    "dollars", "dollar", "francs", "euros", "pounds", "sterling",
    // Languages and time zones.
    "time", "language",
  ],
);

/** First words that mark a proper name: "Bank of America", "University of Iowa", "Federal Rules". */
export const PROPER_NAME_FIRSTS = new Set(
  [
    "university", "bank", "state", "commonwealth", "republic", "kingdom", "department", "ministry", "bureau",
    "office", "court", "federal", "national", "international", "european", "american", "united", "royal",
    "saint", "st", "mount", "lake", "fort", "port", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "central", "greater", "new", "san", "santa", "los", "las", "el", "la", "le", "de", "van",
    "von", "mc", "mac", "chief", "vice", "senior", "executive", "general", "managing", "deputy", "assistant",
    "associate", "president", "dean", "professor", "doctor", "judge", "justice", "honorable", "hon", "sir", "lady",
    "lord", "uniform", "restatement", "title", "part", "rule", "rules", "form", "item", "schedule", "regulation",
    "organization", "organisation", "association", "institute", "agency", "commission", "council", "foundation",
    "society", "center", "centre", "college", "school", "hospital", "public", "grand", "standards",
  ],
);
