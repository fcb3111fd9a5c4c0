// @cannon/surrogate: a learned model of the world — a network that predicts where a shot lands, trained on @cannon/physics.
export {};
