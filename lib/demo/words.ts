import type { ActivityOutcome, PageCategory, Seniority } from '../domain/enums';
import type { LostReasonCode } from '../domain/lost-reasons';
import type { RejectionReasonCode } from '../domain/reasons';
import { emailPart } from './text';

/**
 * Curated word lists for demo data. They ship in the extension bundle ("Load sample
 * data"), so they are kept short and stored as delimited strings, which minify smaller
 * than arrays of literals. Every company, person and domain here is fictional.
 */

const list = (text: string): readonly string[] => text.split(',');

/** Several cultures, with the accents and apostrophes real CRMs contain. */
export const FIRST_NAMES = list(
  'James,Olivia,Liam,Emma,Noah,Ava,Mateo,Sofía,Lucas,Mia,Ethan,Chloé,Zoë,José,Siobhán,Björn,Søren,Łukasz,François,Ana,João,Priya,Arjun,Wei,Mei,Hiroshi,Yuki,Min-jun,Ji-woo,Aisha,Omar,Fatima,Kwame,Amara,Chidi,Ingrid,Lars,Elena,Dmitri,Katarzyna,Giulia,Marco,Seán,Aoife,Rafael,Camila,Diego,Hannah,Daniel,Sarah,Michael,Laura,David,Anna,Thomas,Renée,Agnieszka,Mehmet,Nikos,Leilani',
);

export const LAST_NAMES = list(
  "Smith,Johnson,Williams,Brown,García,Martínez,Müller,Schmidt,Schröder,Ñúñez,Hernández,O'Connor,O'Brien,Nguyen,Chen,Wang,Li,Kim,Park,Tanaka,Sato,Patel,Sharma,Gupta,Okafor,Mensah,Haddad,Khan,Rossi,Bianchi,Dubois,Lefèvre,Kowalski,Nowak,Wiśniewski,Andersson,Johansson,Nielsen,Jensen,Novák,Silva,Santos,Costa,Fischer,van der Berg,de Vries,Murphy,Kelly,Taylor,Wilson,Cohen,Yılmaz,Papadopoulos,Kahananui,Ødegaard,Fernández",
);

export const INDUSTRIES = list(
  'Software,Financial Services,Healthcare,Manufacturing,Retail,Logistics,Education,Marketing & Advertising,Telecommunications,Energy,Professional Services,Media & Entertainment,Insurance,Real Estate,Hospitality',
);

export interface CompanyWords {
  name: string;
  domain: string;
  employees: number;
  industry: string;
  country: string;
}

/**
 * name|domain|employees|industry index|country, covering every size band from 1-10 to
 * 10k+. A domain written `.tld` is the name's first word plus that TLD (Bluepeak
 * Software -> bluepeak.io); `*.tld` is the whole name (Kestrel Robotics -> kestrelrobotics.com).
 */
export const COMPANIES: readonly CompanyWords[] = (
  'Northwind Analytics|northwind-analytics.com|220|0|US;Bluepeak Software|.io|48|0|US;Kestrel Robotics|*.com|130|3|US;' +
  'Halcyon Health|*.com|2400|2|US;Ferrowerk Maschinenbau|.de|860|3|DE;Lindqvist Logistik|lindqvist-logistik.se|340|5|SE;' +
  'Marigold Retail Group|marigoldretail.co.uk|5200|4|GB;Quillstone Capital|.com|75|1|US;Tidewater Insurance|*.com|11500|12|US;' +
  'Harbourview Insurance|harbourview-insurance.co.uk|1400|12|GB;Solenne Cosmétiques|.fr|310|4|FR;Brightforge Labs|.io|22|0|GB;' +
  'Copperleaf Energy|*.com|3100|9|CA;Nimbus Ledger|*.io|160|1|IE;Vantagepoint Media|*.com|95|11|US;' +
  'Orchard & Finch|*.co.uk|12|10|GB;Pixelmint Studio|.nl|6|7|NL;Tessellate AI|.ai|35|0|US;' +
  'Ridgeline Outdoor|*.com|640|4|US;Kobalt Telekom|kobalt-telekom.de|9800|8|DE;Sakura Data Systems|sakuradata.jp|450|0|JP;' +
  'Monsoon Payments|monsoonpay.in|280|1|IN;Verdant Agritech|*.com.br|190|3|BR;Aurora Fintech|*.sg|120|1|SG;' +
  'Polaris Freight|*.com|1800|5|US;Fjordline Analytics|.no|55|0|NO;Cobaltia Security|.io|210|0|US;' +
  'Greywater Consulting|greywater-consulting.com|38|10|US;Meridian Learning|*.com.au|400|6|AU;Atlas Ridge Manufacturing|atlasridge.com|2700|3|US;' +
  'Pinnacle Dental Partners|*.com|520|2|US;Sorrel & Sage Hospitality|sorrelsage.com|150|14|US;Keystone Property Group|*.com|90|13|US;' +
  'Lumina Biotech|luminabio.ch|480|2|CH;Castellan Banca|*.es|7600|1|ES;Novaterra Energía|novaterra-energia.es|1200|9|ES;' +
  'Driftwood Games|*.ca|65|11|CA;Helix Diagnostics|helixdx.com|330|2|US;Quantum Harbor|*.io|18|0|US;' +
  'Saltmarsh Brewing Co.|saltmarshbrewing.com|40|4|US;Emberline Studios|.co.uk|25|11|GB;Granite Peak Advisors|*.com|14|10|US;' +
  'Wildflower Commerce|*.com.au|8|4|AU;Brandt & Söhne|brandt-soehne.de|150|3|DE;Ostara Telecom|*.pl|2200|8|PL;' +
  'Calloway Freight|*.co.uk|700|5|GB;Juniper Health Systems|*.org|14500|2|US;Silverline Software|.dev|310|0|US;' +
  'Trellis HR|*.com|85|0|US;Obsidian Cloud|*.io|900|0|US;Mapleleaf Credit Union|mapleleafcu.ca|240|1|CA;' +
  'Coastal Pacific Realty|*.com|60|13|US;Arcadia Learning|*.com|1100|6|US;Nordlys Energi|nordlys-energi.dk|380|9|DK;' +
  'Amberly & Co.|.co|4|10|US;Zenith Retail Systems|zenithretail.com|1600|0|US;Larkspur Hotels|*.com|3400|14|GB;' +
  'Parallax Marketing|.agency|28|7|US;Vireo Medical|vireo-medical.de|260|2|DE;Ironbridge Logistics|*.com|120|5|US;' +
  'Summit Ridge Analytics|summitridge.io|72|0|CA;Kairos Payments|*.co.uk|540|1|GB'
)
  .split(';')
  .map((row) => {
    const [name = '', domain = '', employees = '0', industry = '0', country = ''] = row.split('|');
    return {
      name,
      domain:
        domain[0] === '.'
          ? emailPart(name.split(' ')[0] ?? name) + domain
          : domain[0] === '*'
            ? emailPart(name) + domain.slice(1)
            : domain,
      employees: Number(employees),
      industry: INDUSTRIES[Number(industry)] ?? '',
      country,
    };
  });

/**
 * Parts of synthetic company names ("Cedarwave Logistics"), so 100k leads are not all
 * colleagues at sixty companies. The suffix index is the industry's.
 */
export const COMPANY_PREFIXES = list(
  'Blue,Silver,North,Iron,Oak,Red,Clear,Bright,Stone,Green,Swift,Cedar,Harbor,Summit,Lake,Pine,Golden,Crystal,Falcon,River,Amber,Willow',
);
export const COMPANY_ROOTS = list(
  'field,point,wave,gate,bridge,crest,line,path,rock,view,works,dale,wood,light,spring,haven',
);
export const COMPANY_SUFFIXES = list(
  'Systems,Capital,Health,Industries,Goods,Logistics,Academy,Media,Networks,Energy,Partners,Studios,Insurance,Properties,Hotels',
);

/** ISO country, its weight in the lead mix, and the top-level domain its companies favour. */
export const COUNTRIES: readonly (readonly [string, number, string])[] =
  'US:40:com,GB:12:co.uk,DE:10:de,CA:6:ca,FR:5:fr,NL:4:nl,AU:4:com.au,IN:4:in,SE:3:se,ES:3:es,IE:2:ie,SG:2:sg,JP:2:jp,BR:2:com.br,PL:1:pl'
    .split(',')
    .map((row) => {
      const [code = '', weight = '1', tld = 'com'] = row.split(':');
      return [code, Number(weight), tld] as const;
    });

/** Titles by seniority; each agrees with `inferSeniority` (a test checks it). */
export const TITLES: Readonly<Record<Seniority, readonly string[]>> = {
  c_level: list(
    'Chief Executive Officer,CTO,Chief Revenue Officer,Co-Founder & CEO,Chief Marketing Officer,COO,Founder',
  ),
  vp: list(
    'VP of Sales,VP Marketing,Vice President of Engineering,SVP Customer Success,VP of Revenue Operations,VP Finance',
  ),
  director: list(
    'Director of Marketing,Head of Growth,Director of Sales Development,Head of IT,Director of Operations,Head of Data,Director of Demand Generation',
  ),
  manager: list(
    'Marketing Manager,Sales Operations Manager,Demand Generation Manager,IT Manager,Customer Support Team Lead,Product Manager,Finance Manager,Operations Manager',
  ),
  individual_contributor: list(
    'Account Executive,Software Engineer,Marketing Specialist,Data Analyst,Business Analyst,Sales Development Representative,Operations Coordinator,Content Writer,Recruiter',
  ),
  student: list('MBA Student,Marketing Intern,Computer Science Student,Business Student,Sales Intern'),
};

/** Job seekers: the default model's student-or-job-seeker rule matches each of these. */
export const JOB_SEEKER_TITLES = list(
  'Open to Work,Seeking new opportunities in SaaS sales,Looking for new opportunities,Former SDR | Open to Work',
);

export const SOURCES = list(
  'Organic Search,Paid Search,Paid Social,Webinar,Content Syndication,Outbound,Referral,Event,Direct',
);

export const WEBINARS = list(
  'Lead Scoring That Sales Trusts,Forecasting Without Spreadsheets,Building an SDR Team That Scales,From MQL to Pipeline in 24 Hours',
);

export const ASSETS = list(
  'MQL-to-SQL Benchmark Report 2026,Lead Scoring Playbook,State of RevOps 2026,Buyer’s Guide to Sales Engagement,SDR Ramp Plan Template,ROI Calculator',
);

export const SEQUENCES = list(
  'Inbound MQL Follow-up,Webinar Attendee Nurture,Pricing Page Visitors,Content Download Nurture,Re-engagement,Product Newsletter',
);

export const OUTBOUND_SEQUENCES = list('Outbound - Mid-Market NA,Outbound - Enterprise EMEA,Outbound - RevOps Leaders');

/**
 * Campaigns by source. Webinar, syndication and outbound campaigns name the webinar,
 * asset or sequence, so a lead's first event can match the campaign it came from.
 */
export const CAMPAIGNS: Readonly<Record<string, readonly string[]>> = {
  'Organic Search': list('SEO - Lead Scoring Guide,SEO - Blog'),
  'Paid Search': list('Google Ads - Brand,Google Ads - Lead Scoring Software,Bing Ads - Sales Engagement'),
  'Paid Social': list('LinkedIn Ads - RevOps Leaders Q3,LinkedIn Ads - Benchmark Report,Meta Ads - Retargeting'),
  Webinar: WEBINARS.map((w) => `Webinar: ${w}`),
  'Content Syndication': ASSETS.map((a) => `Syndication: ${a}`),
  Outbound: OUTBOUND_SEQUENCES,
  Referral: list('Customer Referral Program,Partner Referral'),
  Event: list('RevOps Summit 2026,Pipeline Live London,SaaS Growth Days Berlin'),
};

export const FORMS = list('Contact sales,Newsletter signup,Free trial,Event registration');

/** The seller's website: page paths by category, a couple each so URLs vary. */
export const SITE = 'https://www.brightwave.example';
export const PAGES: Readonly<Record<PageCategory, readonly string[]>> = {
  pricing: list('/pricing,/pricing/enterprise'),
  demo: list('/demo,/request-demo'),
  features: list('/features/lead-scoring,/features/sidebar,/integrations/salesforce'),
  comparison: list('/compare/spreadsheets,/compare/legacy-crm'),
  case_study: list('/customers/northwind-analytics,/customers/polaris-freight'),
  blog: list('/blog/mql-vs-sql,/blog/speed-to-lead,/blog/bant-is-not-dead,/blog/lead-scoring-mistakes'),
  docs: list('/docs/getting-started,/docs/api'),
  careers: list('/careers,/careers/sales-development-representative'),
  other: list('/about,/security'),
};

/** Free-mail providers, weighted as they are seen in B2B forms; all are in PERSONAL_EMAIL_DOMAINS. */
export const PERSONAL_DOMAINS = list(
  'gmail.com,gmail.com,gmail.com,gmail.com,outlook.com,outlook.com,yahoo.com,hotmail.com,icloud.com,gmx.de,web.de,proton.me',
);

/** Phrases that contain commas are separated by `|`. */
const phrases = (text: string): readonly string[] => text.split('|');

/** What a rep writes beside a rejection, by reason code (`other` must have one). */
export const REJECTION_NOTES: Readonly<Record<RejectionReasonCode, readonly string[]>> = {
  no_budget: phrases('Budget frozen until the next fiscal year|Spend goes to a CRM migration this year'),
  no_authority: phrases('Analyst gathering information; the VP decides|Will not introduce the Head of Sales'),
  no_need: phrases('Happy with their spreadsheet process|Two SDRs, no routing problem yet'),
  bad_timing: phrases('Re-org until spring|Mid-migration to a new CRM, call back in Q3|Hiring freeze this quarter'),
  wrong_persona: phrases('Works in HR, downloaded it for a colleague|Developer looking at the API, not a buyer'),
  company_not_fit: phrases('Three-person agency, below our minimum|Public sector, tender only'),
  competitor: phrases('Works at a competitor: research'),
  student_or_job_seeker: phrases('Student writing a thesis on lead scoring|Looking for an SDR job'),
  existing_customer: phrases('Already on an enterprise plan: passed to their account manager'),
  duplicate: phrases('Same person as an older lead with another email'),
  unresponsive: phrases('Six touches over three weeks, no reply|Voicemails and emails unanswered'),
  invalid_contact: phrases('Email bounced and the number is not in service|Fake name on the form'),
  other: phrases('Partner enquiry: routed to alliances|Press enquiry: sent to marketing'),
};

/** Why a deal was lost, by reason (issue 17, "After SQL"). */
export const LOST_NOTES: Readonly<Record<LostReasonCode, readonly string[]>> = {
  price: phrases('Chose the cheaper plan elsewhere|Wanted half the list price'),
  budget: phrases('Budget moved to a hiring plan|Spend frozen after the funding round slipped'),
  competitor: phrases('Signed a two-year deal with a competitor|Went with the vendor their CRO used before'),
  no_decision: phrases('Kept their spreadsheets for another year|Steering committee never met'),
  timing: phrases('Back after their CRM migration, in Q3|Pushed to next fiscal year'),
  product_fit: phrases('Needs a Dynamics integration we do not have'),
  champion_left: phrases('Our VP contact left for another company'),
  unresponsive: phrases('No reply since the proposal'),
  other: phrases('Acquired: the parent company buys centrally'),
};

/** Why a rep accepted below the written SQL bar. */
export const OVERRIDE_NOTES = phrases(
  'The VP asked for a proposal; budget confirmed next week|Active evaluation against a competitor, timeline this quarter|Referred by a customer’s CRO',
);

/** A first touch's notes, by outcome. */
export const TOUCH_NOTES: Readonly<Partial<Record<ActivityOutcome, readonly string[]>>> = {
  connected: phrases(
    'Discovery call: forecast misses every quarter, wants a demo|Walked through their lead routing; interested|Confirmed the problem and who decides',
  ),
  voicemail: phrases('Left a voicemail and sent a follow-up email'),
  no_answer: phrases('No answer, trying again tomorrow'),
  not_interested: phrases('Not a priority this year|Fine with what they have'),
  wrong_contact: phrases('The number belongs to someone else'),
  sent: phrases('Intro message with the benchmark report|Short intro and a question about their SDR team'),
};

export const NEXT_STEPS = phrases('Follow-up call|Send the benchmark report|Book a discovery call');
