export const passwordRules =
  'At least 12 characters, with an upper-case letter, a lower-case letter, a number and a symbol. Use a password you do not use anywhere else, not even for your hosting control panel.';
