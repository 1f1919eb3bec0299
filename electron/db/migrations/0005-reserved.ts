/**
 * Schema version 5, reserved on this branch: cache migration 0005 is another branch's (api2). The runner needs the
 * steps numbered 1, 2, 3 ..., so this empty step holds the number until the merge puts the two branches' steps in
 * order; it is dropped then (it changes nothing, so a file that ran it is the same as one that did not).
 */
export const version = 5;

export const sql = `-- reserved: another branch's step 5`;
