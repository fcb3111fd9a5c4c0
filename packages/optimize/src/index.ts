// @cannon/optimize: solves for the controls that hit a target by gradient descent through @cannon/physics.
export {};
