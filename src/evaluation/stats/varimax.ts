/**
 * Varimax rotation exactly as R's stats::varimax (normalize = TRUE, eps = 1e-5, at most 1000
 * iterations): psych::fa(rotate = "varimax") calls it, and psych::schmid starts from a varimax
 * solution before rotating it obliquely.
 */
import { Matrix, SingularValueDecomposition } from 'ml-matrix';

export interface OrthogonalRotation {
  readonly loadings: Matrix;
  /** The orthogonal rotation matrix (stats::varimax's rotmat). */
  readonly rotation: Matrix;
}

export function varimax(a: Matrix, eps = 1e-5): OrthogonalRotation {
  const m = a.columns;
  if (m < 2) return { loadings: a.clone(), rotation: Matrix.eye(m) };
  const p = a.rows;
  const scale = Array.from({ length: p }, (_, i) => a.getRowVector(i).norm());
  const x = a.clone().divColumnVector(scale);
  let rotation = Matrix.eye(m);
  let d = 0;
  for (let iter = 0; iter < 1000; iter++) {
    const z = x.mmul(rotation);
    const colSq = Matrix.pow(z, 2).sum('column');
    // B = xᵀ (z³ − z diag(1ᵀz²) / p)
    const inner = Matrix.pow(z, 3).sub(z.clone().mulRowVector(colSq).div(p));
    const svd = new SingularValueDecomposition(x.transpose().mmul(inner));
    rotation = svd.leftSingularVectors.mmul(svd.rightSingularVectors.transpose());
    const dPast = d;
    d = svd.diagonal.reduce((acc, v) => acc + v, 0);
    if (d < dPast * (1 + eps)) break;
  }
  return { loadings: x.mmul(rotation).mulColumnVector(scale), rotation };
}
