/**
 * The labels of the certification of origin in English, Spanish and French. The nine element titles follow
 * the names of the Annex 5-A minimum data elements: in English as 19 CFR 182.12(a)(4) and the Parties'
 * guidance name them; in Spanish as the T-MEC Annex 5-A lists them ("Certificación de Origen por el
 * Importador, Exportador o Productor", "Certificador", ... "Firma Autorizada y Fecha"); the French titles are
 * this engine's own translation (no French text of Annex 5-A was available). The certification statement
 * itself is law, and comes from the rule pack (usmca.general.certification), never from here.
 */
import type { Lang, Role } from './model.js';

export interface Labels {
  documentTitle: string;
  dataElements: string;
  /** Element titles 1-9; element 2's title names the certifier's role. */
  titles: (role: Role) => readonly string[];
  role: Record<Role, string>;
  certifiedBy: (role: Role) => string;
  sameAsCertifier: (role: Role) => string;
  unknown: string;
  unknownToProducer: string;
  availableUponRequest: string;
  various: string;
  telephone: string;
  email: string;
  taxId: string;
  hs: string;
  modelLine: string;
  criterion: string;
  singleShipment: string;
  period: (start: string, end: string) => string;
  name: string;
  date: string;
  signature: string;
  statementInEnglish: string;
  digitallySigned: (kid: string) => string;
  figuresTitle: string;
  figure: (requirement: string, value: string, threshold: string) => string;
  requirement: Record<string, string>;
  annexTitle: string;
  recordsTitle: string;
  /** The producer's certifications to CBP covering the goods, with CBP's identifiers (19 CFR 182.92(b)). */
  vehicleCertificationsTitle: string;
  rulesWarning: string;
}

const EN: Labels = {
  documentTitle: 'USMCA / CUSMA / T-MEC Certification of Origin',
  dataElements: 'Minimum data elements',
  titles: (role) => [
    '1. Importer, exporter or producer certification of origin',
    `2. Certifier (the ${EN.role[role]})`,
    '3. Exporter',
    '4. Producer',
    '5. Importer',
    '6. Description and HS tariff classification of the good',
    '7. Origin criterion',
    '8. Blanket period',
    '9. Authorized signature and date',
  ],
  role: { importer: 'importer', exporter: 'exporter', producer: 'producer' },
  certifiedBy: (role) => `This certification is made by the ${EN.role[role]}`,
  sameAsCertifier: (role) => `Same as the certifier (the ${EN.role[role]})`,
  unknown: 'Unknown',
  unknownToProducer: 'Unknown: the producer, who certifies, does not know the exporter',
  availableUponRequest: 'Available upon request by the importing authorities',
  various: 'Various',
  telephone: 'Telephone',
  email: 'Email',
  taxId: 'Tax identification',
  hs: 'HS',
  modelLine: 'model line',
  criterion: 'Criterion',
  singleShipment: 'Not applicable: single shipment',
  period: (start, end) => `From ${start} to ${end}`,
  name: 'Name',
  date: 'Date',
  signature: 'Signature',
  statementInEnglish: '',
  digitallySigned: (kid) => `Digitally signed (JWS, Ed25519), key ${kid}`,
  figuresTitle: 'Figures certified by the producer (disclosed at the certifier’s request)',
  figure: (r, v, t) => `${r}: ${v} % (required: not less than ${t} %)`,
  requirement: {
    rvc: 'Regional value content',
    lvc: 'Labor value content',
    steel: 'Steel purchases originating',
    aluminum: 'Aluminum purchases originating',
  },
  annexTitle: 'Annex: how each good was decided (not part of the minimum data elements)',
  recordsTitle: 'Supporting decision records',
  vehicleCertificationsTitle:
    'Vehicle certifications filed with CBP: unique identifiers for the entry summary (19 CFR 182.92(b); not part of the minimum data elements)',
  rulesWarning: 'NOT A RELEASED RULE PACK',
};

const ES: Labels = {
  documentTitle: 'Certificación de origen T-MEC / USMCA / CUSMA',
  dataElements: 'Elementos mínimos de información',
  titles: (role) => [
    '1. Certificación de origen por el importador, exportador o productor',
    `2. Certificador (el ${ES.role[role]})`,
    '3. Exportador',
    '4. Productor',
    '5. Importador',
    '6. Descripción y clasificación arancelaria de la mercancía en el Sistema Armonizado',
    '7. Criterio de origen',
    '8. Periodo global',
    '9. Firma autorizada y fecha',
  ],
  role: { importer: 'importador', exporter: 'exportador', producer: 'productor' },
  certifiedBy: (role) => `Esta certificación la realiza el ${ES.role[role]}`,
  sameAsCertifier: (role) => `El mismo que el certificador (el ${ES.role[role]})`,
  unknown: 'Desconocido',
  unknownToProducer: 'Desconocido: el productor, que certifica, no conoce al exportador',
  availableUponRequest: 'Disponible a solicitud de las autoridades importadoras',
  various: 'Varios',
  telephone: 'Teléfono',
  email: 'Correo electrónico',
  taxId: 'Identificación fiscal',
  hs: 'SA',
  modelLine: 'línea de modelo',
  criterion: 'Criterio',
  singleShipment: 'No aplica: un solo embarque',
  period: (start, end) => `Del ${start} al ${end}`,
  name: 'Nombre',
  date: 'Fecha',
  signature: 'Firma',
  statementInEnglish: '',
  digitallySigned: (kid) => `Firmado digitalmente (JWS, Ed25519), clave ${kid}`,
  figuresTitle: 'Cifras certificadas por el productor (divulgadas a solicitud del certificador)',
  figure: (r, v, t) => `${r}: ${v} % (requerido: no menos de ${t} %)`,
  requirement: {
    rvc: 'Valor de contenido regional',
    lvc: 'Valor de contenido laboral',
    steel: 'Compras de acero originarias',
    aluminum: 'Compras de aluminio originarias',
  },
  annexTitle: 'Anexo: cómo se decidió cada mercancía (no forma parte de los elementos mínimos)',
  recordsTitle: 'Registros de decisión que la respaldan',
  vehicleCertificationsTitle:
    'Certificaciones del vehículo presentadas a CBP: identificadores únicos para la declaración de importación (19 CFR 182.92(b); no forma parte de los elementos mínimos)',
  rulesWarning: 'CONJUNTO DE REGLAS NO PUBLICADO',
};

const FR: Labels = {
  documentTitle: 'Certification d’origine ACEUM / USMCA / T-MEC',
  dataElements: 'Éléments de données minimaux',
  titles: (role) => [
    '1. Certification d’origine par l’importateur, l’exportateur ou le producteur',
    `2. Certificateur (${FR.role[role]})`,
    '3. Exportateur',
    '4. Producteur',
    '5. Importateur',
    '6. Description et classement tarifaire de la marchandise dans le Système harmonisé',
    '7. Critère d’origine',
    '8. Période globale',
    '9. Signature autorisée et date',
  ],
  role: { importer: 'l’importateur', exporter: 'l’exportateur', producer: 'le producteur' },
  certifiedBy: (role) => `La présente certification est faite par ${FR.role[role]}`,
  sameAsCertifier: (role) => `Le même que le certificateur (${FR.role[role]})`,
  unknown: 'Inconnu',
  unknownToProducer: 'Inconnu : le producteur, qui certifie, ne connaît pas l’exportateur',
  availableUponRequest: 'Disponible sur demande des autorités d’importation',
  various: 'Divers',
  telephone: 'Téléphone',
  email: 'Courriel',
  taxId: 'Identification fiscale',
  hs: 'SH',
  modelLine: 'gamme',
  criterion: 'Critère',
  singleShipment: 'Sans objet : envoi unique',
  period: (start, end) => `Du ${start} au ${end}`,
  name: 'Nom',
  date: 'Date',
  signature: 'Signature',
  statementInEnglish:
    'Déclaration en anglais : le libellé français de la déclaration de l’annexe 5-A ne figure pas dans le jeu de règles.',
  digitallySigned: (kid) => `Signé numériquement (JWS, Ed25519), clé ${kid}`,
  figuresTitle: 'Chiffres certifiés par le producteur (divulgués à la demande du certificateur)',
  figure: (r, v, t) => `${r} : ${v} % (exigé : au moins ${t} %)`,
  requirement: {
    rvc: 'Teneur en valeur régionale',
    lvc: 'Teneur en valeur-travail',
    steel: 'Achats d’acier originaires',
    aluminum: 'Achats d’aluminium originaires',
  },
  annexTitle: 'Annexe : comment chaque marchandise a été déterminée (hors éléments de données minimaux)',
  recordsTitle: 'Registres de décision à l’appui',
  vehicleCertificationsTitle:
    'Certifications du véhicule déposées auprès du CBP : identifiants uniques pour la déclaration d’importation (19 CFR 182.92(b); hors éléments de données minimaux)',
  rulesWarning: 'JEU DE RÈGLES NON PUBLIÉ',
};

export const LABELS: Record<Lang, Labels> = { en: EN, es: ES, fr: FR };
