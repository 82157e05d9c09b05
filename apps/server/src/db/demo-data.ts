/**
 * The demo shop loaded into an empty database outside production: a real menu of a Manila walk-in spa,
 * prices in whole pesos (stored as centavos), and demo staff who all share the password `password123`.
 */
export const DEMO_PASSWORD = 'password123';

export const DEMO_ROOMS = ['101', '102', '103', '104'] as const;

type DemoService = {
  name: string;
  description: string;
  /** The therapist's share of the service's net sales, in whole percent. */
  commissionPercent: number;
  tiers: { name: string; minutes: number; pesos: number }[];
};

const tiers = (pesos60: number, pesos90?: number, pesos120?: number) => [
  { name: '60 minutes', minutes: 60, pesos: pesos60 },
  ...(pesos90 ? [{ name: '90 minutes', minutes: 90, pesos: pesos90 }] : []),
  ...(pesos120 ? [{ name: '120 minutes', minutes: 120, pesos: pesos120 }] : []),
];

export const DEMO_CATALOG: { name: string; description: string; services: DemoService[] }[] = [
  {
    name: 'Signature Massage',
    description: 'Our full-body classics.',
    services: [
      {
        name: 'Swedish',
        commissionPercent: 40,
        description: 'Long, flowing strokes to relax the whole body.',
        tiers: tiers(800, 1150, 1500),
      },
      {
        name: 'Shiatsu',
        commissionPercent: 40,
        description: 'Japanese finger pressure along the meridians, done clothed.',
        tiers: tiers(900, 1300, 1700),
      },
      {
        name: 'Acupressure',
        commissionPercent: 40,
        description: 'Firm pressure on points that release tension and knots.',
        tiers: tiers(850, 1200, 1600),
      },
      {
        name: 'Foot Massage',
        commissionPercent: 45,
        description: 'Reflexology for tired feet and legs.',
        tiers: tiers(600, 850),
      },
    ],
  },
  {
    name: 'Holistic Recovery',
    description: 'Therapeutic work for pain, posture and training recovery.',
    services: [
      {
        name: 'Myofascial Release',
        commissionPercent: 35,
        description: 'Slow, sustained pressure on tight connective tissue.',
        tiers: tiers(1200, 1700, 2200),
      },
      {
        name: 'Cupping',
        commissionPercent: 35,
        description: 'Silicone cups that lift tissue and ease muscle tightness.',
        tiers: tiers(1000, 1400),
      },
      {
        name: 'Sports Massage',
        commissionPercent: 35,
        description: 'Deep work for athletes before or after training.',
        tiers: tiers(1100, 1550, 2000),
      },
      {
        name: 'Assessment',
        commissionPercent: 20,
        description: 'A therapist checks posture and pain points and plans your sessions.',
        tiers: [{ name: '30 minutes', minutes: 30, pesos: 500 }],
      },
    ],
  },
];

export type DemoStaff =
  | { role: 'therapist'; username: string; displayName: string; homeRoom: string; commissionPercent?: number }
  | { role: 'cashier'; username: string; displayName: string; counter: string }
  | { role: 'monitor' | 'admin'; username: string; displayName: string };

export const DEMO_STAFF: DemoStaff[] = [
  // The senior therapist earns 50% of everything she does, whatever the service's own percent.
  { role: 'therapist', username: 'therapist1', displayName: 'Maria Santos', homeRoom: '101', commissionPercent: 50 },
  { role: 'therapist', username: 'therapist2', displayName: 'Jose Reyes', homeRoom: '102' },
  { role: 'therapist', username: 'therapist3', displayName: 'Ana Cruz', homeRoom: '103' },
  { role: 'therapist', username: 'therapist4', displayName: 'Paolo Garcia', homeRoom: '104' },
  { role: 'cashier', username: 'cashier1', displayName: 'Liza Mendoza', counter: 'C1' },
  { role: 'cashier', username: 'cashier2', displayName: 'Ramon Bautista', counter: 'C2' },
  { role: 'cashier', username: 'cashier3', displayName: 'Grace Villanueva', counter: 'C3' },
  { role: 'cashier', username: 'cashier4', displayName: 'Mark Dela Cruz', counter: 'C4' },
  { role: 'monitor', username: 'monitor1', displayName: 'Floor Monitor' },
  { role: 'admin', username: 'admin', displayName: 'Shop Admin' },
];
