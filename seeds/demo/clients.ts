/**
 * The demo firm's clients: companies and individuals in several countries, with requisites in
 * each country's usual format. All names are invented.
 */
import type { ClientInput } from "../../runtime/generated/workspace-types";
import type { DemoUserRef } from "./users";

type Country = NonNullable<ClientInput["country"]>;

export interface DemoClient {
  ref: string;
  kind: "company" | "individual";
  name: string;
  legal_name?: string;
  tax_id?: string;
  registration_number?: string;
  /** Web domain; email addresses derive from it. */
  domain?: string;
  email?: string;
  phone: string;
  address_line1: string;
  address_line2?: string;
  city: string;
  postcode: string;
  country: Country;
  status: "lead" | "active" | "inactive";
  manager: DemoUserRef;
  notes?: string;
  /** first name, last name, position; the first is the primary contact. */
  contacts: [string, string, string][];
}

export const DEMO_CLIENTS: DemoClient[] = [
  {
    ref: "acme", kind: "company", name: "Acme Freight", legal_name: "Acme Freight Limited", tax_id: "IE9823451T",
    registration_number: "612834", domain: "acmefreight.ie", phone: "+353 1 872 4410",
    address_line1: "Unit 7, Northpoint Business Park", address_line2: "Ballymun Road", city: "Dublin", postcode: "D11 F2K7",
    country: "IE", status: "active", manager: "ben", notes: "Largest hosting client. Renews every January.",
    contacts: [["Ciarán", "Murphy", "Operations Director"], ["Gráinne", "Doherty", "Finance Manager"], ["Tomás", "Reilly", "IT Coordinator"]],
  },
  {
    ref: "brennan-walsh", kind: "company", name: "Brennan & Walsh Solicitors", legal_name: "Brennan & Walsh Solicitors LLP",
    tax_id: "IE3312098LA", registration_number: "L00421", domain: "brennanwalsh.ie", phone: "+353 21 427 9031",
    address_line1: "14 South Mall", city: "Cork", postcode: "T12 RX84", country: "IE", status: "active", manager: "anna",
    contacts: [["Deirdre", "Brennan", "Managing Partner"], ["Conor", "Walsh", "Partner"]],
  },
  {
    ref: "liffey-coffee", kind: "company", name: "Liffey Coffee Roasters", legal_name: "Liffey Coffee Roasters Limited",
    tax_id: "IE4478120QA", registration_number: "598412", domain: "liffeycoffee.ie", phone: "+353 1 677 2290",
    address_line1: "3 Ormond Quay Upper", city: "Dublin", postcode: "D07 W6K2", country: "IE", status: "active", manager: "ben",
    contacts: [["Saoirse", "Nolan", "Owner"], ["Darragh", "Quinn", "Shop Manager"]],
  },
  {
    ref: "connacht-dairy", kind: "company", name: "Connacht Dairy Co-op", legal_name: "Connacht Dairy Co-operative Society Limited",
    tax_id: "IE8251634D", registration_number: "4821R", domain: "connachtdairy.ie", phone: "+353 91 755 120",
    address_line1: "Tuam Road Industrial Estate", city: "Galway", postcode: "H91 E2P6", country: "IE", status: "active", manager: "anna",
    contacts: [["Máire", "Ní Fhlaithearta", "HR and Training Manager"], ["Pádraig", "Flanagan", "General Manager"]],
  },
  {
    ref: "shannon-aero", kind: "company", name: "Shannon Aero Parts", legal_name: "Shannon Aero Parts DAC",
    tax_id: "IE6734512G", registration_number: "541276", domain: "shannonaero.ie", phone: "+353 61 471 800",
    address_line1: "Building 22, Free Zone East", city: "Shannon", postcode: "V14 YT22", country: "IE", status: "active", manager: "ben",
    contacts: [["Eoin", "Hayes", "Head of IT"], ["Rachel", "Costigan", "Accounts Payable"]],
  },
  {
    ref: "nordlicht", kind: "company", name: "Nordlicht Maschinenbau", legal_name: "Nordlicht Maschinenbau GmbH",
    tax_id: "DE287654321", registration_number: "HRB 754321, Amtsgericht Stuttgart", domain: "nordlicht-maschinenbau.de",
    phone: "+49 711 2567 340", address_line1: "Heilbronner Straße 188", city: "Stuttgart", postcode: "70191", country: "DE",
    status: "active", manager: "anna", contacts: [["Jürgen", "Weiß", "Geschäftsführer"], ["Sabine", "Krüger", "Leiterin IT"], ["Felix", "Brandt", "Buchhaltung"]],
  },
  {
    ref: "hafenblick", kind: "company", name: "Hafenblick Immobilien", legal_name: "Hafenblick Immobilien GmbH & Co. KG",
    tax_id: "DE311928374", registration_number: "HRA 123456, Amtsgericht Hamburg", domain: "hafenblick-immobilien.de",
    phone: "+49 40 3098 7710", address_line1: "Am Sandtorkai 41", city: "Hamburg", postcode: "20457", country: "DE",
    status: "lead", manager: "anna", notes: "Met at a trade fair; wants a tenant portal. Quote requested.",
    contacts: [["Henrik", "Lange", "Prokurist"]],
  },
  {
    ref: "marais", kind: "company", name: "Brasserie du Marais", legal_name: "Brasserie du Marais SARL", tax_id: "FR41832456712",
    registration_number: "RCS Paris 832 456 712", domain: "brasseriedumarais.fr", phone: "+33 1 42 72 18 90",
    address_line1: "27 rue Vieille du Temple", city: "Paris", postcode: "75004", country: "FR", status: "active", manager: "ben",
    contacts: [["Élodie", "Lefèvre", "Gérante"], ["Antoine", "Garnier", "Chef de salle"]],
  },
  {
    ref: "atelier-lumiere", kind: "company", name: "Atelier Lumière", legal_name: "Atelier Lumière SAS", tax_id: "FR07901234567",
    registration_number: "RCS Lyon 901 234 567", domain: "atelier-lumiere.fr", phone: "+33 4 78 42 65 10",
    address_line1: "8 quai Saint-Antoine", city: "Lyon", postcode: "69002", country: "FR", status: "active", manager: "anna",
    contacts: [["Camille", "Rousseau", "Directrice artistique"]],
  },
  {
    ref: "van-der-berg", kind: "company", name: "Van der Berg Installatietechniek", legal_name: "Van der Berg Installatietechniek B.V.",
    tax_id: "NL858123456B01", registration_number: "KvK 30123456", domain: "vanderberg-installatie.nl", phone: "+31 30 234 5678",
    address_line1: "Nijverheidsweg 12", city: "Utrecht", postcode: "3534 AM", country: "NL", status: "lead", manager: "ben",
    contacts: [["Pieter", "van der Berg", "Directeur"], ["Femke", "de Vries", "Planner"]],
  },
  {
    ref: "grachtenhuis", kind: "company", name: "Grachtenhuis Hotels", legal_name: "Grachtenhuis Hotels B.V.", tax_id: "NL862345678B01",
    registration_number: "KvK 34567890", domain: "grachtenhuis.nl", phone: "+31 20 623 1145",
    address_line1: "Herengracht 341", city: "Amsterdam", postcode: "1016 AZ", country: "NL", status: "inactive", manager: "ben",
    notes: "Contract terminated in March 2026 after the hotel was sold.", contacts: [["Sanne", "Bakker", "Hotel Manager"]],
  },
  {
    ref: "kowalski", kind: "company", name: "Kowalski Transport", legal_name: "Kowalski Transport Sp. z o.o.", tax_id: "PL5842713659",
    registration_number: "KRS 0000512345", domain: "kowalski-transport.pl", phone: "+48 58 345 67 89",
    address_line1: "ul. Elbląska 56", city: "Gdańsk", postcode: "80-724", country: "PL", status: "active", manager: "anna",
    contacts: [["Tomasz", "Kowalski", "Prezes Zarządu"], ["Agnieszka", "Wiśniewska", "Księgowa"]],
  },
  {
    ref: "tallinn-data", kind: "company", name: "Tallinn Data Works", legal_name: "Tallinn Data Works OÜ", tax_id: "EE102345678",
    registration_number: "14567890", domain: "tallinndata.ee", phone: "+372 612 3456",
    address_line1: "Telliskivi 60a", city: "Tallinn", postcode: "10412", country: "EE", status: "active", manager: "ben",
    contacts: [["Kadri", "Tamm", "CTO"]],
  },
  {
    ref: "fjord-analytics", kind: "company", name: "Fjord Analytics", legal_name: "Fjord Analytics AS", tax_id: "NO923456781MVA",
    registration_number: "923 456 781", domain: "fjordanalytics.no", phone: "+47 55 30 12 40",
    address_line1: "Bryggen 19", city: "Bergen", postcode: "5003", country: "NO", status: "active", manager: "anna",
    contacts: [["Ingrid", "Solberg", "Daglig leder"], ["Magnus", "Haugen", "Data Engineer"]],
  },
  {
    ref: "svensk-tratek", kind: "company", name: "Svensk Träteknik", legal_name: "Svensk Träteknik AB", tax_id: "SE556789123401",
    registration_number: "556789-1234", domain: "svensktrateknik.se", phone: "+46 31 712 45 00",
    address_line1: "Lindholmsallén 10", city: "Göteborg", postcode: "417 55", country: "SE", status: "active", manager: "ben",
    contacts: [["Erik", "Lindqvist", "VD"]],
  },
  {
    ref: "alpenblick", kind: "company", name: "Hotel Alpenblick", legal_name: "Hotel Alpenblick AG", tax_id: "CHE-112.345.678 MWST",
    registration_number: "CHE-112.345.678", domain: "alpenblick-hotel.ch", phone: "+41 33 822 45 67",
    address_line1: "Höheweg 95", city: "Interlaken", postcode: "3800", country: "CH", status: "active", manager: "anna",
    contacts: [["Reto", "Zimmermann", "Direktor"], ["Nadia", "Steiner", "Front Office Manager"]],
  },
  {
    ref: "oakridge", kind: "company", name: "Oakridge Accounting", legal_name: "Oakridge Accounting Ltd", tax_id: "GB284716395",
    registration_number: "09876543", domain: "oakridge-accounting.co.uk", phone: "+44 161 496 0732",
    address_line1: "5th Floor, 101 Portland Street", city: "Manchester", postcode: "M1 6DF", country: "GB", status: "active",
    manager: "ben", contacts: [["Rebecca", "Holt", "Practice Manager"], ["James", "Whitaker", "Partner"]],
  },
  {
    ref: "thames-vets", kind: "company", name: "Thames Valley Veterinary Group", legal_name: "Thames Valley Veterinary Group Ltd",
    tax_id: "GB312765498", registration_number: "11223344", domain: "thamesvalleyvets.co.uk", phone: "+44 118 496 0415",
    address_line1: "48 Caversham Road", city: "Reading", postcode: "RG1 8BB", country: "GB", status: "active", manager: "anna",
    contacts: [["Priya", "Sharma", "Clinical Director"], ["Tom", "Ellis", "Office Manager"]],
  },
  {
    ref: "bluebonnet", kind: "company", name: "Bluebonnet Software", legal_name: "Bluebonnet Software, Inc.", tax_id: "84-2345671",
    registration_number: "Delaware 7654321", domain: "bluebonnetsoftware.com", phone: "+1 512 555 0148",
    address_line1: "600 Congress Avenue, Suite 1400", city: "Austin, TX", postcode: "78701", country: "US", status: "active",
    manager: "anna", contacts: [["Megan", "Carter", "VP Customer Success"], ["Luis", "Ortega", "Controller"]],
  },
  {
    ref: "lisboa-azulejos", kind: "company", name: "Lisboa Azulejos", legal_name: "Lisboa Azulejos, Lda.", tax_id: "PT514278903",
    registration_number: "514278903", domain: "lisboa-azulejos.pt", phone: "+351 21 342 8810",
    address_line1: "Rua da Madalena 120", city: "Lisboa", postcode: "1100-321", country: "PT", status: "active", manager: "ben",
    contacts: [["Inês", "Carvalho", "Sócia-gerente"]],
  },
  {
    ref: "ruiz", kind: "company", name: "Ferretería Hermanos Ruiz", legal_name: "Ferretería Hermanos Ruiz, S.L.", tax_id: "ESB46123457",
    registration_number: "Registro Mercantil de Valencia, hoja V-98765", domain: "ferreteriaruiz.es", phone: "+34 963 52 18 44",
    address_line1: "Calle de Cirilo Amorós 42", city: "Valencia", postcode: "46004", country: "ES", status: "active", manager: "ben",
    notes: "Slow payer: call before sending reminders.", contacts: [["Javier", "Ruiz", "Gerente"], ["Lucía", "Martín", "Administración"]],
  },
  {
    ref: "olivetto", kind: "company", name: "Olivetto Alimentari", legal_name: "Olivetto Alimentari S.r.l.", tax_id: "IT03456780375",
    registration_number: "REA BO-512345", domain: "olivetto.it", phone: "+39 051 642 1190",
    address_line1: "Via dell'Indipendenza 33", city: "Bologna", postcode: "40121", country: "IT", status: "active", manager: "anna",
    contacts: [["Giulia", "Conti", "Amministratrice"], ["Davide", "Ferrari", "Responsabile IT"]],
  },
  {
    ref: "praha-print", kind: "company", name: "Praha Print", legal_name: "Praha Print s.r.o.", tax_id: "CZ27654321",
    registration_number: "C 123456, Městský soud v Praze", domain: "prahaprint.cz", phone: "+420 222 315 670",
    address_line1: "Karlínské náměstí 7", city: "Praha 8", postcode: "186 00", country: "CZ", status: "active", manager: "ben",
    contacts: [["Petr", "Dvořák", "Jednatel"], ["Lenka", "Svobodová", "Účetní"]],
  },
  {
    ref: "wiener-kaffeehaus", kind: "company", name: "Café Ringblick", legal_name: "Wiener Kaffeehaus Betriebs GmbH",
    tax_id: "ATU68123456", registration_number: "FN 412345 a, Handelsgericht Wien", domain: "kaffeehaus-wien.at",
    phone: "+43 1 512 61 15", address_line1: "Stubenring 12", city: "Wien", postcode: "1010", country: "AT", status: "active",
    manager: "anna", contacts: [["Lukas", "Gruber", "Geschäftsführer"]],
  },
  {
    ref: "copenhagen-cycle", kind: "company", name: "Copenhagen Cycle Works", legal_name: "Copenhagen Cycle Works ApS",
    tax_id: "DK38123456", registration_number: "CVR 38123456", domain: "cphcycleworks.dk", phone: "+45 33 12 45 78",
    address_line1: "Jægersborggade 18", city: "København N", postcode: "2200", country: "DK", status: "active", manager: "ben",
    contacts: [["Mette", "Kristensen", "Indehaver"], ["Rasmus", "Holm", "Webshop Manager"]],
  },
  {
    ref: "aoife-byrne", kind: "individual", name: "Aoife Byrne", email: "aoife.byrne@eircom.net", phone: "+353 87 214 6630",
    address_line1: "22 Glenageary Park", city: "Dún Laoghaire", postcode: "A96 K5T3", country: "IE", status: "active",
    manager: "ben", notes: "Architect working from home; pays by card.", contacts: [["Aoife", "Byrne", "Owner"]],
  },
  {
    ref: "sean-o-briain", kind: "individual", name: "Seán Ó Briain", email: "sean.obriain@gmail.com", phone: "+353 86 381 0457",
    address_line1: "Riverside Cottage, Bennettsbridge Road", city: "Kilkenny", postcode: "R95 D2X8", country: "IE", status: "active",
    manager: "ben", contacts: [["Seán", "Ó Briain", "Owner"]],
  },
  {
    ref: "katrin-hoffmann", kind: "individual", name: "Katrin Hoffmann", legal_name: "Katrin Hoffmann Übersetzungen",
    tax_id: "DE325678912", email: "mail@hoffmann-uebersetzungen.de", phone: "+49 89 2154 8830",
    address_line1: "Schellingstraße 61", city: "München", postcode: "80799", country: "DE", status: "active", manager: "anna",
    notes: "Freelance translator; VAT-registered, so services are reverse-charged.", contacts: [["Katrin", "Hoffmann", "Owner"]],
  },
  {
    ref: "marco-bianchi", kind: "individual", name: "Marco Bianchi", email: "marco.bianchi@libero.it", phone: "+39 347 218 5540",
    address_line1: "Corso di Porta Romana 87", city: "Milano", postcode: "20122", country: "IT", status: "active", manager: "anna",
    contacts: [["Marco", "Bianchi", "Owner"]],
  },
  {
    ref: "niamh-kelly", kind: "individual", name: "Niamh Kelly", email: "niamh.kelly@outlook.ie", phone: "+353 85 730 1192",
    address_line1: "9 O'Connell Avenue", city: "Limerick", postcode: "V94 H6K1", country: "IE", status: "lead", manager: "ben",
    notes: "Asked about a small online shop for her pottery.", contacts: [["Niamh", "Kelly", "Owner"]],
  },
];

/** The countries whose businesses account for VAT themselves under the EU reverse charge. */
export const EU_COUNTRIES: ReadonlySet<string> = new Set([
  "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL",
  "PL", "PT", "RO", "SE", "SI", "SK",
]);

/** The currency the firm invoices a client in: its home currency outside the euro area, else EUR. */
export function currencyOf(client: DemoClient): "EUR" | "GBP" | "USD" | "CHF" | "NOK" {
  const byCountry: Partial<Record<Country, "GBP" | "USD" | "CHF" | "NOK">> = { GB: "GBP", US: "USD", CH: "CHF", NO: "NOK" };
  return byCountry[client.country] ?? "EUR";
}

export function demoClient(ref: string): DemoClient {
  const client = DEMO_CLIENTS.find((c) => c.ref === ref);
  if (!client) throw new Error(`demo data refers to an unknown client "${ref}"`);
  return client;
}
