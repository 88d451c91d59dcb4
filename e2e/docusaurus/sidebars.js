/** The three pages, in reading order. */
export default {
  notes: ['one-guess', 'training', 'plain'],
};
