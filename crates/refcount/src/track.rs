//! The handles' calls into the leak checks: nothing at all without `leak-check`.

#[inline(always)]
pub(crate) fn acquired(_type_id: &'static str) {
    #[cfg(feature = "leak-check")]
    crate::leak::acquired(_type_id);
}

#[inline(always)]
pub(crate) fn released(_type_id: &'static str) {
    #[cfg(feature = "leak-check")]
    crate::leak::released(_type_id);
}
