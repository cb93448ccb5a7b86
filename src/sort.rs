//! Stable sorting by a key of three numbers, through one copy of the standard library's sort.
//!
//! Each `sort_by_key` call with its own element type or closure is compiled into its own copy of
//! the standard library's stable sort: about 5.8 KB of WebAssembly each at `opt-level = "z"`
//! and 7 KB at `opt-level = 2` (measured on the seven sorts of the library). Here every sort
//! goes through the one sort of `(Key, u32)` pairs: the keys are computed once, sorted with
//! their indices (so the result is the stable order, and no two pairs are equal), and the
//! elements then moved into place along the cycles of that permutation. A short slice, as the
//! matches of one sentence usually are, is sorted by insertion instead, without allocating.

/// A sort key: compared as a tuple, first number first.
pub(crate) type Key = (usize, usize, usize);

/// Up to this many elements are sorted by insertion.
const SHORT: usize = 12;

/// Sorts `v` by `key`, stably: elements with equal keys keep their order.
pub(crate) fn sort_by_key<T>(v: &mut [T], key: impl Fn(&T) -> Key) {
    if v.len() <= SHORT {
        for i in 1..v.len() {
            let k = key(&v[i]);
            let mut j = i;
            while j > 0 && key(&v[j - 1]) > k {
                j -= 1;
            }
            v[j..=i].rotate_right(1);
        }
        return;
    }
    let mut order: Vec<(Key, u32)> = v.iter().enumerate().map(|(i, x)| (key(x), i as u32)).collect();
    order.sort_unstable();
    permute(v, &mut order);
}

/// Marks a place of `from` as done.
const DONE: u32 = u32::MAX;

/// Rearranges `v` so that its element at `k` is the one that was at `from[k].1` (those indices
/// a permutation of `0..v.len()`, used up): each cycle of the permutation in one walk of swaps.
fn permute<T>(v: &mut [T], from: &mut [(Key, u32)]) {
    for start in 0..v.len() {
        let mut at = start;
        loop {
            let next = from[at].1;
            if next == DONE {
                break;
            }
            from[at].1 = DONE;
            if next as usize == start {
                break;
            }
            // `v[at]` gets its element; the one it held (the cycle's first) moves on.
            v.swap(at, next as usize);
            at = next as usize;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same order as the standard library's stable sort, on random lists of every length
    /// up to well past [`SHORT`], with many equal keys (told apart by a payload).
    #[test]
    fn same_as_the_stable_sort_of_std() {
        let mut next = crate::text::hash::xorshift(0x9e37_79b9_7f4a_7c15);
        for round in 0..4_000 {
            let n = round % 70;
            let spread = 1 + next(8);
            let v: Vec<(Key, usize)> =
                (0..n).map(|i| ((next(spread), next(spread), next(spread)), i)).collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            let mut std_sorted = v.clone();
            std_sorted.sort_by_key(|x| x.0);
            assert_eq!(ours, std_sorted, "{v:?}");
        }
    }

    /// Elements that own memory are moved, not copied or dropped twice.
    #[test]
    fn owned_elements_survive() {
        let mut v: Vec<String> = (0..40).rev().map(|i| format!("{i:02}")).collect();
        sort_by_key(&mut v, |s| (s.parse().unwrap_or(0), 0, 0));
        let want: Vec<String> = (0..40).map(|i| format!("{i:02}")).collect();
        assert_eq!(v, want);
    }
}
