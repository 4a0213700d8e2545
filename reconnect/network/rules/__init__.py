"""Who may do what in the Headteacher Network, one module per area.

The network is for members: every signed-in, active account (school staff, leads, system
leaders, coordinators, administrators). Visitors are sent to sign in. Within it:

- network-wide categories, events and the board are open to every member;
- a group's threads, files, events and conversations are its members' only
  (``selectors.membership``); coordinators and administrators open them to moderate;
  everyone else gets 404, so no one learns a private group's content exists;
- a private conversation is its participants' only (404 for everyone else, coordinators
  included: moderation sees flagged posts, never private messages);
- an online event's link is shown only to members with a place.
"""
