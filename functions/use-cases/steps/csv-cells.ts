/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): a text cell
 * starting with one is prefixed with an apostrophe, so it shows as written and runs nothing. Every
 * CSV the system writes passes its text cells through this.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe to open in a spreadsheet (see FORMULA_START). */
export const neutralised = (text: string): string => (FORMULA_START.test(text) ? `'${text}` : text);
