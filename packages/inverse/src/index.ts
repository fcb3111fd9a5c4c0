// @cannon/inverse: a learned solver — a network from target distance to controls, trained through @cannon/physics.
export {};
