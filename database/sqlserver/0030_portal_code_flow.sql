-- A sign-in code is bound to the browser that asked for it (the hash of its desk.portal.flow cookie): another browser's
-- guesses neither reach the code nor use up its tries.
alter table portal_codes add flow_hash nvarchar(64) null;
