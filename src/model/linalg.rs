//! The little dense linear algebra the optimiser and the information matrix need: Cholesky
//! factors, solves and inverses of symmetric matrices of a handful of rows (one per free
//! parameter), stored row-major in a `Vec<f64>`. Too small to justify a matrix crate.

/// The lower Cholesky factor L of a symmetric positive definite `a` (n × n, row-major), with
/// a = L·Lᵀ; `None` when `a` is not positive definite (or not finite).
pub fn cholesky(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let mut s = a[i * n + j];
            for k in 0..j {
                s -= l[i * n + k] * l[j * n + k];
            }
            if i == j {
                if !(s > 0.0 && s.is_finite()) {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    Some(l)
}

/// x with L·Lᵀ·x = b, from the factor of [`cholesky`].
pub fn solve(l: &[f64], n: usize, b: &[f64]) -> Vec<f64> {
    let mut y = vec![0.0; n];
    for i in 0..n {
        let mut s = b[i];
        for k in 0..i {
            s -= l[i * n + k] * y[k];
        }
        y[i] = s / l[i * n + i];
    }
    let mut x = vec![0.0; n];
    for i in (0..n).rev() {
        let mut s = y[i];
        for k in i + 1..n {
            s -= l[k * n + i] * x[k];
        }
        x[i] = s / l[i * n + i];
    }
    x
}

/// The inverse of a symmetric positive definite matrix, or `None` when it is not one.
pub fn inverse(a: &[f64], n: usize) -> Option<Vec<f64>> {
    let l = cholesky(a, n)?;
    let mut inv = vec![0.0; n * n];
    for j in 0..n {
        let e: Vec<f64> = (0..n).map(|i| if i == j { 1.0 } else { 0.0 }).collect();
        for (i, v) in solve(&l, n, &e).into_iter().enumerate() {
            inv[i * n + j] = v;
        }
    }
    Some(inv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_of_a_hand_worked_matrix() {
        // [[4, 2], [2, 3]]⁻¹ = [[3, −2], [−2, 4]] / 8.
        let inv = inverse(&[4.0, 2.0, 2.0, 3.0], 2).unwrap();
        let expected = [0.375, -0.25, -0.25, 0.5];
        for (a, b) in inv.iter().zip(expected) {
            assert!((a - b).abs() < 1e-15, "{inv:?}");
        }
    }

    #[test]
    fn indefinite_matrices_have_no_factor() {
        assert!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2).is_none());
        assert!(cholesky(&[f64::NAN], 1).is_none());
    }
}
