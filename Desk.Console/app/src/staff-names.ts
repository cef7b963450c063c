// The display names of the staff this console has heard of (presence, a query's possible assignees), for the places
// where the desk names a member by username: a member reads "Bo Li" in the presence line and in a collision alike.
const names = new Map<string, string>();

export function learnName(username: string, displayName: string): void {
  names.set(username, displayName);
}

export const staffName = (username: string) => names.get(username) ?? username;
