/**
 * Invented station names in the Vélib style ("Street - Cross street"). Only Latin-1 characters
 * are used (no œ, no curly quotes) so that the latin1_names fault can re-encode them losslessly.
 */
import { pick } from './prng';

const STREETS = [
  'Victor Hugo', 'Saint-Médard', 'Daguerre', 'Mouffetard', 'Lecourbe', 'Vaugirard', 'Convention',
  'Ménilmontant', 'Belleville', 'Pyrénées', 'Oberkampf', 'Faidherbe', 'Charonne', 'Voltaire',
  'République', 'Turbigo', 'Réaumur', 'Sébastopol', 'Rivoli', 'Saint-Honoré', 'Haussmann',
  'Lafayette', 'Maubeuge', 'Château-Landon', 'Crimée', 'Ourcq', 'Jaurès', 'Stalingrad',
  'Championnet', 'Ordener', 'Caulaincourt', 'Lepic', 'Abbesses', 'Batignolles', 'Legendre',
  'Courcelles', 'Wagram', 'Ternes', 'Malakoff', 'Kléber', 'Passy', 'Auteuil', 'Mozart',
  'Exelmans', 'Molitor', 'Brancion', 'Alésia', 'Tolbiac', 'Glacière', 'Gobelins', 'Italie',
  'Patay', 'Chevaleret', 'Bercy', 'Daumesnil', 'Picpus', 'Bel-Air', 'Nation', 'Diderot',
  'Ledru-Rollin', 'Bastille', 'Turenne', 'Vieille du Temple', 'Francs-Bourgeois', 'Rambuteau',
  'Étienne Marcel', 'Montorgueil', 'Cléry', 'Hauteville', 'Paradis', 'Trudaine', 'Martyrs',
  'Clichy', 'Rome', 'Europe', 'Miromesnil', 'Boétie', 'Marbeuf', 'Iéna', 'Suffren',
  'Cambronne', 'Grenelle', 'Bosquet', 'Sèvres', 'Raspail', 'Cherche-Midi', 'Saint-Placide',
  'Notre-Dame-des-Champs', 'Port-Royal', 'Gay-Lussac', 'Monge', 'Cardinal Lemoine', 'Buffon',
  'Geoffroy Saint-Hilaire', 'Censier', 'Arago', 'Denfert-Rochereau', 'Général Leclerc',
  'Maréchal Foch', 'Jean Moulin', 'Paul Vaillant-Couturier', 'Gabriel Péri', 'Anatole France',
  'Émile Zola', 'Marcel Sembat', 'Édouard Vaillant', 'Aristide Briand', 'Pasteur', 'Curie',
] as const;

const SUBURBS = [
  'Montreuil', 'Vincennes', 'Ivry', 'Vitry', 'Gentilly', 'Montrouge', 'Malakoff', 'Vanves',
  'Issy', 'Boulogne', 'Saint-Cloud', 'Suresnes', 'Puteaux', 'Courbevoie', 'Levallois',
  'Clichy', 'Saint-Ouen', 'Saint-Denis', 'Aubervilliers', 'Pantin', 'Bagnolet', 'Les Lilas',
  'Charenton', 'Saint-Mandé', 'Créteil', 'Nanterre', 'Châtillon', 'Bobigny', 'Noisy-le-Sec',
] as const;

const STATIONS = [
  'Gare du Nord', "Gare de l'Est", 'Gare de Lyon', "Gare d'Austerlitz", 'Gare Montparnasse',
  'Gare Saint-Lazare', 'Gare de Bercy', 'Gare du Bel-Air', 'Gare de Rosa Parks', 'Gare de Javel',
] as const;

const PARKS = [
  'Parc Montsouris', 'Jardin des Plantes', 'Parc des Buttes-Chaumont', 'Parc de Bercy',
  'Parc Monceau', 'Jardin du Luxembourg', 'Parc de la Villette', 'Parc André Citroën',
  'Parc Georges Brassens', 'Square du Temple', 'Parc de Belleville', 'Bois de Vincennes',
] as const;

export type Landmark = 'transit' | 'park';

export function streetCornerName(rand: () => number, suburban: boolean): string {
  const first = suburban && rand() < 0.35 ? `${pick(rand, SUBURBS)} Centre` : pick(rand, STREETS);
  let second = pick(rand, STREETS);
  for (let tries = 0; second === first && tries < 8; tries++) second = pick(rand, STREETS);
  // Vélib names are sometimes a single place ("Saint-Sulpice", "Basilique").
  return rand() < 0.08 ? `Place ${second}` : `${first} - ${second}`;
}

export function landmarkName(landmark: Landmark, ordinal: number): string {
  const list = landmark === 'transit' ? STATIONS : PARKS;
  const base = list[ordinal % list.length];
  return ordinal < list.length ? base : `${base} ${Math.floor(ordinal / list.length) + 1}`;
}

export function nearLandmarkName(rand: () => number, landmark: string): string {
  return `${landmark} - ${pick(rand, STREETS)}`;
}
