//! The numeric kernels of the forward pass, on plain row-major `f32` slices.
//!
//! The matrix multiply goes to the `gemm` crate, which picks AVX2 or AVX-512 at run time.
//! Everything else is small loops that the compiler vectorizes for the build's target CPU.
//! Working on slices rather than tensors avoids an allocation and a copy per operation,
//! which for a 135M-parameter model cost as much as the arithmetic.

use rayon::prelude::*;

/// Rows below which the element-wise kernels stay on the calling thread.
const PARALLEL_ROWS: usize = 16;

/// A matrix operand of [`gemm`]: a slice read with a row stride and a column stride.
#[derive(Clone, Copy)]
pub struct Strided<'a> {
    pub data: &'a [f32],
    pub row_stride: usize,
    pub col_stride: usize,
}

impl Strided<'_> {
    /// Checks that a `rows × cols` matrix read with these strides stays inside the slice.
    fn check(&self, rows: usize, cols: usize, what: &str) {
        if rows == 0 || cols == 0 {
            return;
        }
        let last = (rows - 1) * self.row_stride + (cols - 1) * self.col_stride;
        assert!(
            last < self.data.len(),
            "{what} [{rows}, {cols}] with strides ({}, {}) reaches element {last} of {}",
            self.row_stride,
            self.col_stride,
            self.data.len()
        );
    }
}

/// `dst = lhs · rhs` for a `[m, k]` left and a `[k, n]` right operand; `dst` is row-major
/// `[m, n]`. `threads` above 1 splits the work over the current rayon pool.
pub fn gemm(
    (m, n, k): (usize, usize, usize),
    lhs: Strided,
    rhs: Strided,
    dst: &mut [f32],
    threads: usize,
) {
    if m == 0 || n == 0 {
        return;
    }
    lhs.check(m, k, "left operand");
    rhs.check(k, n, "right operand");
    assert_eq!(dst.len(), m * n, "the destination is not [m, n]");
    if k == 0 {
        dst.fill(0.0);
        return;
    }
    let stride = |n: usize| isize::try_from(n).expect("matrix strides fit in isize");
    let parallelism = if threads > 1 {
        gemm::Parallelism::Rayon(threads)
    } else {
        gemm::Parallelism::None
    };
    // SAFETY: `check` proved that every element the shapes and strides address lies inside
    // `lhs.data` and `rhs.data`, and `dst` has exactly `m × n` elements at row stride `n`.
    // `dst` is borrowed mutably, so it overlaps neither input. `read_dst` is false, so
    // `dst` is only written.
    #[allow(unsafe_code)]
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            dst.as_mut_ptr(),
            1,
            stride(n),
            false,
            lhs.data.as_ptr(),
            stride(lhs.col_stride),
            stride(lhs.row_stride),
            rhs.data.as_ptr(),
            stride(rhs.col_stride),
            stride(rhs.row_stride),
            0.0,
            1.0,
            false,
            false,
            false,
            parallelism,
        );
    }
}

/// `x · weightᵀ`: `x` is `[rows, inner]`, `weight` is `[out, inner]` as GGUF stores a
/// linear layer, and the result is `[rows, out]`. Runs on the whole current rayon pool.
pub fn matmul_t(x: &[f32], rows: usize, weight: &[f32], out: usize) -> Vec<f32> {
    let mut dst = vec![0.0f32; rows * out];
    if rows == 0 || out == 0 {
        return dst;
    }
    let inner = x.len() / rows;
    assert_eq!(x.len(), rows * inner, "x is not a whole number of rows");
    assert_eq!(weight.len(), out * inner, "weight is not [out, inner]");
    gemm(
        (rows, out, inner),
        Strided {
            data: x,
            row_stride: inner,
            col_stride: 1,
        },
        Strided {
            data: weight,
            row_stride: 1,
            col_stride: inner,
        },
        &mut dst,
        rayon::current_num_threads(),
    );
    dst
}

/// Root-mean-square normalization of each row of `x`, scaled by `weight`.
pub fn rms_norm(x: &[f32], weight: &[f32], eps: f32) -> Vec<f32> {
    let width = weight.len();
    let mut out = vec![0.0f32; x.len()];
    let norm_row = |(row, dst): (&[f32], &mut [f32])| {
        #[expect(clippy::cast_precision_loss, reason = "widths are small")]
        let mean_square = dot(row, row) / width as f32;
        let scale = 1.0 / (mean_square + eps).sqrt();
        for ((d, &v), &w) in dst.iter_mut().zip(row).zip(weight) {
            *d = v * scale * w;
        }
    };
    if x.len() / width.max(1) < PARALLEL_ROWS {
        x.chunks_exact(width)
            .zip(out.chunks_exact_mut(width))
            .for_each(norm_row);
    } else {
        x.par_chunks_exact(width)
            .zip(out.par_chunks_exact_mut(width))
            .for_each(norm_row);
    }
    out
}

/// `silu(gate) * up` for rows that hold the gate projection followed by the up projection,
/// each `ffn` wide; the result is `[rows, ffn]`.
pub fn swiglu(gate_up: &[f32], ffn: usize) -> Vec<f32> {
    let rows = gate_up.len() / (2 * ffn);
    let mut out = vec![0.0f32; rows * ffn];
    let activate = |(row, dst): (&[f32], &mut [f32])| {
        let (gate, up) = row.split_at(ffn);
        for ((d, &g), &u) in dst.iter_mut().zip(gate).zip(up) {
            *d = g / (1.0 + (-g).exp()) * u;
        }
    };
    if rows < PARALLEL_ROWS {
        gate_up
            .chunks_exact(2 * ffn)
            .zip(out.chunks_exact_mut(ffn))
            .for_each(activate);
    } else {
        gate_up
            .par_chunks_exact(2 * ffn)
            .zip(out.par_chunks_exact_mut(ffn))
            .for_each(activate);
    }
    out
}

/// `x += y`, element by element.
pub fn add_assign(x: &mut [f32], y: &[f32]) {
    for (a, &b) in x.iter_mut().zip(y) {
        *a += b;
    }
}

/// Dot product in eight independent lanes, which the compiler maps to SIMD registers.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in (&mut a_chunks).zip(&mut b_chunks) {
        for lane in 0..8 {
            lanes[lane] += x[lane] * y[lane];
        }
    }
    let tail: f32 = a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .map(|(x, y)| x * y)
        .sum();
    lanes.iter().sum::<f32>() + tail
}

/// Softmax in place, in f32 with the maximum subtracted first.
pub fn softmax(x: &mut [f32]) {
    let max = x.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in x.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in x.iter_mut() {
        *v /= sum;
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Computes `x · weightᵀ` with the textbook triple loop, for comparison.
    fn naive_matmul_t(x: &[f32], rows: usize, weight: &[f32], out: usize) -> Vec<f32> {
        let inner = x.len() / rows;
        let mut dst = vec![0.0f32; rows * out];
        for r in 0..rows {
            for o in 0..out {
                let mut sum = 0.0f64;
                for i in 0..inner {
                    sum += f64::from(x[r * inner + i]) * f64::from(weight[o * inner + i]);
                }
                #[expect(clippy::cast_possible_truncation, reason = "test values are small")]
                {
                    dst[r * out + o] = sum as f32;
                }
            }
        }
        dst
    }

    /// Returns `len` repeatable values in [-1, 1] from an xorshift generator.
    pub(in crate::embedded) fn pseudo_random(len: usize, seed: u32) -> Vec<f32> {
        let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
        (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                #[expect(clippy::cast_precision_loss, reason = "test values")]
                let unit = (state % 2001) as f32 / 1000.0 - 1.0;
                unit
            })
            .collect()
    }

    #[test]
    fn matmul_matches_triple_loop_on_odd_shapes() {
        for &(rows, inner, out) in &[(1, 5, 3), (7, 64, 33), (37, 576, 19), (3, 1, 1)] {
            let x = pseudo_random(rows * inner, 1);
            let w = pseudo_random(out * inner, 2);
            let fast = matmul_t(&x, rows, &w, out);
            let slow = naive_matmul_t(&x, rows, &w, out);
            for (a, b) in fast.iter().zip(&slow) {
                assert!((a - b).abs() < 1e-3, "{a} vs {b} at {rows}x{inner}x{out}");
            }
        }
    }

    #[test]
    fn rms_norm_gives_unit_root_mean_square() {
        let x = vec![3.0, 4.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0];
        let out = rms_norm(&x, &[1.0; 4], 0.0);
        assert!((out[0] - 1.2).abs() < 1e-6);
        assert!((out[4] - 1.0).abs() < 1e-6);
    }

    #[test]
    fn swiglu_of_zero_gate_is_zero() {
        let out = swiglu(&[0.0, 0.0, 5.0, 7.0], 2);
        assert_eq!(out, vec![0.0, 0.0]);
        let out = swiglu(&[10.0, 5.0], 1);
        assert!((out[0] - 10.0 / (1.0 + (-10.0f32).exp()) * 5.0).abs() < 1e-5);
    }

    #[test]
    fn dot_covers_the_tail() {
        let a: Vec<f32> = (1..=11u8).map(f32::from).collect();
        assert!((dot(&a, &a) - 506.0).abs() < 1e-4);
    }

    #[test]
    fn softmax_sums_to_one() {
        let mut x = vec![1.0, 2.0, 3.0, -1000.0];
        softmax(&mut x);
        let sum: f32 = x.iter().sum();
        assert!((sum - 1.0).abs() < 1e-6);
        assert!(x[2] > x[1] && x[1] > x[0]);
        assert_eq!(x[3], 0.0);
    }
}
