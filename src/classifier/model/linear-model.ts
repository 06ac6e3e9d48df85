import { checkArtefact, ModelArtefact, unpackWeights } from './artefact';

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The runtime half of the model: hashed feature weights, a bias and the calibration. */
export class LinearModel {
  private constructor(
    private readonly weights: Float32Array,
    private readonly mask: number,
    private readonly bias: number,
    private readonly slope: number,
    private readonly intercept: number,
  ) {}

  static fromArtefact(artefact: ModelArtefact, extractor: string): LinearModel {
    const a = checkArtefact(artefact, extractor);
    const bits = a.features.bits;
    return new LinearModel(
      unpackWeights(a.weights, bits),
      (1 << bits) - 1,
      a.bias,
      a.calibration.slope,
      a.calibration.intercept,
    );
  }

  /**
   * The raw margin of the first `n` features (32-bit hashes and values); fills `contributions[i]`
   * with feature i's share when given.
   */
  margin(
    hashes: ArrayLike<number>,
    values: ArrayLike<number>,
    n: number,
    contributions?: Float64Array,
  ): number {
    let z = this.bias;
    for (let i = 0; i < n; i++) {
      const c = this.weights[hashes[i] & this.mask] * values[i];
      z += c;
      if (contributions) contributions[i] = c;
    }
    return z;
  }

  /** Calibrated 0..1, 0.5 at the decision threshold. */
  score(margin: number): number {
    return sigmoid(this.slope * margin + this.intercept);
  }
}
