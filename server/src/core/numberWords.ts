/**
 * Cardinal numbers as agreements spell them ("sixty (60) days", "ARTICLE FIVE"), shared by the cue
 * language, the section numbering and the drafting rules' stop words.
 */

/** "zero" to "twenty", each at the index of its value. */
export const UNITS = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
  "twenty",
];

/** "thirty" to "ninety". */
export const TENS = ["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** The multipliers. */
export const SCALES = ["hundred", "thousand", "million", "billion"];

/** Every word a spelled-out number is made of, "one" first ("zero" is not used in amounts). */
export const SPELLED_NUMBERS = [...UNITS.slice(1), ...TENS, ...SCALES];
