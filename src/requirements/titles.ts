/**
 * The title of each requirement and the provision that states it: the one place the decision's requirement
 * titles come from. The citations of thresholds and tables come from the rule pack.
 */
import type { RequirementId } from './result.js';

export const REQUIREMENTS: Readonly<Record<RequirementId, { readonly title: string; readonly provision: string }>> = {
  'tariff-shift': { title: 'Change of tariff classification', provision: 's. 13' },
  rvc: { title: 'Regional value content', provision: 's. 7, s. 13' },
  'core-parts': { title: 'Core parts (Table A.2) originating', provision: 's. 14(4)' },
  'heavy-truck-parts': { title: 'Heavy-truck engines, gear boxes and chassis meet Table D', provision: 's. 15(4)' },
  steel: { title: 'Steel purchases', provision: 's. 17(1)' },
  aluminum: { title: 'Aluminum purchases', provision: 's. 17(1)' },
  lvc: { title: 'Labor value content', provision: 's. 18(1)-(2)' },
};

/** "Change of tariff classification from any other heading" (the level the rule pack names). */
export function tariffShiftTitle(change: string): string {
  return `${REQUIREMENTS['tariff-shift'].title} from any other ${change}`;
}

/** "Steel purchases: at least 70% originating". */
export function metalTitle(metal: 'steel' | 'aluminum', thresholdPercent: string): string {
  return `${REQUIREMENTS[metal].title}: at least ${thresholdPercent}% originating`;
}

/** "Labor value content", marked when the alternative staging regime's thresholds apply. */
export function lvcTitle(underStagingRegime: boolean): string {
  return `${REQUIREMENTS.lvc.title}${underStagingRegime ? ' (alternative staging regime)' : ''}`;
}
