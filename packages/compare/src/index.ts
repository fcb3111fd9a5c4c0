// @cannon/compare: the article's three approaches, side by side on the same targets.
export { approachLabels, approaches, compareApproaches, type Approach, type ApproachResult, type WorstAnswer, type CompareOptions, type Comparison } from './compare.js';
export { compareRealCannon, realApproachLabels, realApproaches, realCannon, textbookCannon, type RealApproach, type RealRace, type RealRaceOptions, type RealRaceRow } from './real.js';
