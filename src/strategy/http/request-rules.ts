export const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
