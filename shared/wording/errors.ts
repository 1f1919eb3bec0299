/**
 * Every failure the main side reports, in the analyst's words: one sentence per error code (the fallback when a
 * reason has no wording of its own) and one per `details.reason`, each in bokmål and English, with the `{values}`
 * its details carry. The renderer words every error from here (renderer/src/lib/errors.ts); the CLI may use the
 * English. tests/unit/shared/wording/errors.test.ts collects every reason the sources can throw and fails for one
 * without its wording here.
 */
import type { ErrorCode } from '../contract/errors';
import { text, type LocalizedText } from '../analysis/text';

/** What each code means when nothing more specific is known: never the raw code, never the English message. */
export const ERROR_CODE_WORDS: Record<ErrorCode, LocalizedText> = {
  invalid_input: text('Some of what was entered is not valid. Check the fields and try again.', 'Noe av det som ble fylt inn, er ikke gyldig. Sjekk feltene og prøv igjen.'),
  forbidden: text('The app refused the request because it did not come from its own window.', 'Appen avviste forespørselen fordi den ikke kom fra appens eget vindu.'),
  unknown_channel: text('The app does not know this request. Restart the app.', 'Appen kjenner ikke denne forespørselen. Start appen på nytt.'),
  not_found: text('What you asked for does not exist (any longer).', 'Det du ba om, finnes ikke (lenger).'),
  conflict: text('This cannot be done right now: something else is in the way.', 'Dette kan ikke gjøres akkurat nå: noe annet er i veien.'),
  cancelled: text('Cancelled.', 'Avbrutt.'),
  offline: text('Symetrisk could not be reached. Check the network connection; the stored data can still be browsed.', 'Fikk ikke kontakt med Symetrisk. Sjekk nettforbindelsen; lagrede data kan fortsatt brukes.'),
  auth_failed: text('Symetrisk refused the login. Check the client id and the client secret.', 'Symetrisk avviste innloggingen. Sjekk klient-id og klienthemmelighet.'),
  missing_scope: text('The API client lacks an access this requires. Ask Symetrisk to grant it.', 'API-klienten mangler en tilgang dette krever. Be Symetrisk om å gi den.'),
  api_error: text('Symetrisk answered with an error. Try again later.', 'Symetrisk svarte med en feil. Prøv igjen senere.'),
  bad_response: text('Symetrisk answered with something the app cannot read; nothing of it was stored.', 'Symetrisk svarte med noe appen ikke kan lese; ingenting av det ble lagret.'),
  keychain_unavailable: text(
    'The system keychain could not be used, so the secret could not be read or stored.',
    'Systemets nøkkelring kunne ikke brukes, så hemmeligheten kunne ikke leses eller lagres.',
  ),
  storage: text('The data could not be saved or read on this computer. Nothing already saved was lost.', 'Data kunne ikke lagres eller leses på denne maskinen. Ingenting som allerede var lagret, gikk tapt.'),
  file_busy: text(
    'The file could not be written: it is open in another program or the folder is not writable. Close it and try again.',
    'Filen kunne ikke skrives: den er åpen i et annet program, eller mappen er skrivebeskyttet. Lukk den og prøv igjen.',
  ),
  internal: text('Something went wrong inside the app. The details are in the log.', 'Noe gikk galt i appen. Detaljene står i loggen.'),
};

/**
 * Each stable reason key with its words. `{values}` name fields of the error's details (or of a refusal's result);
 * keep both languages to the same placeholders (the test checks).
 */
export const REASON_WORDS: Record<string, LocalizedText> = {
  // ---- network and the HTTP layer ---------------------------------------------------------------------------
  unreachable: text('The service could not be reached. Check the network connection.', 'Fikk ikke kontakt med tjenesten. Sjekk nettforbindelsen.'),
  deadline_passed: text('The service did not answer in time. Check the network connection and try again.', 'Tjenesten svarte ikke i tide. Sjekk nettforbindelsen og prøv igjen.'),
  timeout: text('The service did not answer in time.', 'Tjenesten svarte ikke i tide.'),
  redirect_refused: text(
    'The service answered with a redirect, which the app never follows: the secret and the token go only to the address in the connection. Check that address.',
    'Tjenesten svarte med en videresending, som appen aldri følger: hemmeligheten og tilgangsnøkkelen sendes bare til adressen i tilkoblingen. Sjekk adressen.',
  ),
  answer_too_large: text('The answer was larger than the app accepts and was refused; nothing of it was stored.', 'Svaret var større enn appen godtar og ble avvist; ingenting av det ble lagret.'),
  unsupported_protocol: text('Only https addresses (and plain http to this computer) can be used.', 'Bare https-adresser (og vanlig http til denne maskinen) kan brukes.'),
  plain_http_not_loopback: text(
    'Plain http is allowed only to this computer (localhost, 127.0.0.1 or ::1), not to {host}. Use https.',
    'Vanlig http er bare tillatt til denne maskinen (localhost, 127.0.0.1 eller ::1), ikke til {host}. Bruk https.',
  ),
  localhost_not_loopback: text(
    '"localhost" does not lead only to this computer here, so plain http is refused. Use 127.0.0.1.',
    '«localhost» peker ikke bare til denne maskinen her, så vanlig http avvises. Bruk 127.0.0.1.',
  ),

  // ---- connection profiles (connections-service.ts, url-rules.ts) -----------------------------------------
  url_invalid: text('"{field}" is not a valid address. It starts with https://.', '«{field}» er ikke en gyldig adresse. Den begynner med https://.'),
  url_not_https: text('"{field}" must start with https://.', '«{field}» må begynne med https://.'),
  url_has_credentials: text(
    '"{field}" must not hold a user name or password; the secret goes in its own field.',
    '«{field}» kan ikke inneholde brukernavn eller passord; hemmeligheten har sitt eget felt.',
  ),
  url_has_fragment: text('"{field}" must not hold a #fragment.', '«{field}» kan ikke inneholde et #-fragment.'),
  url_has_query: text('"{field}" must not hold a ?query.', '«{field}» kan ikke inneholde en ?-spørring.'),
  custom_urls_missing: text('Own addresses need both the login service address and the API address.', 'Egne adresser krever både adressen til innloggingstjenesten og API-adressen.'),
  no_scopes: text('Choose at least one access.', 'Velg minst én tilgang.'),
  profile_name_taken: text('A connection named "{name}" already exists. Choose another name.', 'Det finnes allerede en tilkobling som heter «{name}». Velg et annet navn.'),
  profile_not_found: text('This connection no longer exists.', 'Denne tilkoblingen finnes ikke lenger.'),
  demo_fixed: text('The Demo always uses the built-in sandbox; only its name can be changed.', 'Demo bruker alltid den innebygde sandkassen; bare navnet kan endres.'),
  production_urls_fixed: text(
    'A production connection uses Symetrisk’s public addresses. For other addresses, add a connection with own addresses.',
    'En produksjonstilkobling bruker Symetrisks offentlige adresser. For andre adresser, legg til en tilkobling med egne adresser.',
  ),
  demo_not_removable: text('The Demo is built in and cannot be removed.', 'Demo er innebygd og kan ikke fjernes.'),
  // The dispatcher's refusal of a field (no reason of its own): the field named, in the analyst's words.
  field_invalid: text('"{field}" is not valid.', '«{field}» er ikke gyldig.'),
  email_invalid: text('Enter a valid e-mail address.', 'Skriv en gyldig e-postadresse.'),
  file_name_invalid: text(
    'A file name may not hold folders or the characters \\ / : * ? " < > |, nor start with a dot or end with a dot or a space.',
    'Et filnavn kan ikke inneholde mapper eller tegnene \\ / : * ? " < > |, og kan ikke begynne med punktum eller slutte med punktum eller mellomrom.',
  ),

  // ---- tokens and the API -----------------------------------------------------------------------------------
  token_client_refused: text('The login service did not accept the client id and secret.', 'Innloggingstjenesten godtok ikke klient-id og hemmelighet.'),
  token_scope_refused: text('The login service did not accept the accesses the connection asks for.', 'Innloggingstjenesten godtok ikke tilgangene tilkoblingen ber om.'),
  token_refused: text('The login service refused the request.', 'Innloggingstjenesten avviste forespørselen.'),
  token_url_not_found: text(
    'There is no login service at this address (answer 404). The login service address should end in /oauth2/token.',
    'Innloggingstjenesten finnes ikke på denne adressen (svar 404). Adressen til innloggingstjenesten skal slutte på /oauth2/token.',
  ),
  token_http_error: text('The login service answered with an error.', 'Innloggingstjenesten svarte med en feil.'),
  api_token_refused: text('Symetrisk did not accept the token.', 'Symetrisk godtok ikke tilgangsnøkkelen (token).'),
  api_scope_refused: text('The API client lacks the access this requires.', 'API-klienten mangler tilgangen dette krever.'),
  api_base_url_not_found: text(
    'There is no Symetrisk API at this address (answer 404). The API address should end in /api/v1.',
    'Symetrisk-API-et finnes ikke på denne adressen (svar 404). API-adressen skal slutte på /api/v1.',
  ),
  api_http_error: text('Symetrisk answered with an error.', 'Symetrisk svarte med en feil.'),
  no_secret: text('No secret is stored for this connection.', 'Ingen hemmelighet er lagret for denne tilkoblingen.'),
  keychain_unavailable: text('The system keychain could not be used.', 'Systemets nøkkelring kunne ikke brukes.'),
  self_not_found: text(
    'Symetrisk does not give the bank’s name for this API client (answer 404). Sync and export work as usual.',
    'Symetrisk oppgir ikke bankens navn for denne API-klienten (svar 404). Synkronisering og eksport virker som vanlig.',
  ),
  self_failed: text('The bank’s name could not be fetched now. Sync and export work as usual.', 'Bankens navn kunne ikke hentes nå. Synkronisering og eksport virker som vanlig.'),
  scope_not_granted: text('The token was issued without the access {scopes}. What needs it will be refused.', 'Tilgangsnøkkelen ble utstedt uten tilgangen {scopes}. Det som krever den, blir avvist.'),
  self_scopes_differ: text(
    'Symetrisk names other accesses for the API client ({selfScopes}) than the token has ({tokenScopes}). The token’s accesses apply.',
    'Symetrisk oppgir andre tilganger for API-klienten ({selfScopes}) enn tilgangsnøkkelen har ({tokenScopes}). Tilgangsnøkkelens tilganger gjelder.',
  ),

  // ---- team connections (the bank's shared PostgreSQL) -------------------------------------------------------
  team_login_failed: text('The team database did not accept the role and password.', 'Teamdatabasen godtok ikke rollen og passordet.'),
  team_unreachable: text('The team database could not be reached.', 'Fikk ikke kontakt med teamdatabasen.'),
  team_failing: text('The team database answered with an error.', 'Teamdatabasen svarte med en feil.'),
  team_database_url_invalid: text('The team database address cannot be used.', 'Adressen til teamdatabasen kan ikke brukes.'),
  team_not_set_up: text(
    'The team database has not been set up yet: the bank’s team sync creates it on its first run.',
    'Teamdatabasen er ikke satt opp ennå: bankens teamsynkronisering oppretter den første gang den kjører.',
  ),
  team_schema_newer: text('The team database was set up by a newer version of Symetrisk Desk. Update the app.', 'Teamdatabasen er satt opp av en nyere versjon av Symetrisk Desk. Oppdater appen.'),
  team_role_can_write: text(
    'The role may change the team database. A desktop connects with a read-only role (see docs/team.md).',
    'Rollen kan endre teamdatabasen. En arbeidsstasjon kobler til med en rolle som bare kan lese (se docs/team.md).',
  ),
  team_bank_unreadable: text('The bank in the team database could not be read.', 'Banken i teamdatabasen kunne ikke leses.'),
  team_role_cannot_share: text(
    'The database role may read the team database but not share notes and assessments: what you write stays on this computer.',
    'Databaserollen kan lese teamdatabasen, men ikke dele notater og vurderinger: det du skriver, blir på denne maskinen.',
  ),
  team_workflow_not_set_up: text(
    'The team database does not take notes and assessments yet (the bank’s team sync must be updated): what you write stays on this computer until it does.',
    'Teamdatabasen tar ikke imot notater og vurderinger ennå (bankens teamsynkronisering må oppdateres): det du skriver, blir på denne maskinen til den gjør det.',
  ),
  team_bank_unknown: text('The team sync has not filled the team database yet: the bank is not known.', 'Teamsynkroniseringen har ikke fylt teamdatabasen ennå: banken er ikke kjent.'),

  not_a_team_connection: text('This is not a team connection.', 'Dette er ikke en teamtilkobling.'),
  team_connection_no_api: text(
    'A team connection reads the bank’s team database; only the bank’s team sync talks to Symetrisk. Ask whoever runs it (access requests too).',
    'En teamtilkobling leser bankens teamdatabase; bare bankens teamsynkronisering snakker med Symetrisk. Spør den som kjører den (også om tilgangsforespørsler).',
  ),
  team_connection_api_fields: text(
    'A team connection reads the team database: it has no client id, API addresses or accesses.',
    'En teamtilkobling leser teamdatabasen: den har ingen klient-id, API-adresser eller tilganger.',
  ),
  database_url_sslrootcert_unreadable: text('The CA certificate named in the database address could not be read.', 'CA-sertifikatet som databaseadressen viser til, kunne ikke leses.'),
  team_schema_missing: text(
    'The team database has not been set up yet: the bank’s team sync creates it on its first run.',
    'Teamdatabasen er ikke satt opp ennå: bankens teamsynkronisering oppretter den første gang den kjører.',
  ),
  team_database_empty: text('The team sync has not filled the team database yet.', 'Teamsynkroniseringen har ikke fylt teamdatabasen ennå.'),
  team_replica_other_bank: text(
    'This team database holds another bank’s portfolio than this connection’s stored data. Start a fresh local store for the connection (Settings), then sync again.',
    'Denne teamdatabasen har en annen banks portefølje enn tilkoblingens lagrede data. Start ny lokal lagring for tilkoblingen (Innstillinger), og synkroniser på nytt.',
  ),
  team_replica_foreign_cache: text(
    'The connection’s stored data did not come from this team database. Start a fresh local store (Settings), then sync again.',
    'Tilkoblingens lagrede data kom ikke fra denne teamdatabasen. Start ny lokal lagring (Innstillinger), og synkroniser på nytt.',
  ),
  team_replica_ahead: text(
    'The team database is behind this connection’s stored data (it was rebuilt or restored). Start a fresh local store (Settings), then sync again.',
    'Teamdatabasen ligger bak tilkoblingens lagrede data (den er bygget opp på nytt eller gjenopprettet). Start ny lokal lagring (Innstillinger), og synkroniser på nytt.',
  ),
  team_sync_running: text('Another team sync is writing to this team database; this one did not start.', 'En annen teamsynkronisering skriver til denne teamdatabasen; denne startet ikke.'),
  team_database_other_client: text(
    'This team database is filled for another Symetrisk API client. One team database holds one bank.',
    'Denne teamdatabasen er fylt for en annen API-klient i Symetrisk. Én teamdatabase har én bank.',
  ),
  // The team sync's command line (electron/cli/commands/team.ts).
  team_sync_usage: text('The team sync needs --database and --profile.', 'Teamsynkroniseringen trenger --database og --profile.'),
  team_sync_team_profile: text(
    'A team connection reads the team database; the team sync needs the bank’s Symetrisk connection.',
    'En teamtilkobling leser teamdatabasen; teamsynkroniseringen trenger bankens Symetrisk-tilkobling.',
  ),
  secret_file_unreadable: text('The secret file {file} cannot be read.', 'Hemmelighetsfilen {file} kan ikke leses.'),
  secret_file_not_a_file: text('The secret file {file} is not a file.', 'Hemmelighetsfilen {file} er ikke en fil.'),
  secret_file_too_open: text(
    'The secret file {file} can be read by other users (mode {mode}). Make it readable by its owner only: chmod 600.',
    'Hemmelighetsfilen {file} kan leses av andre brukere (filrettigheter {mode}). Gjør den lesbar bare for eieren: chmod 600.',
  ),
  secret_file_owner: text('The secret file {file} belongs to another user than the one that runs the team sync.', 'Hemmelighetsfilen {file} tilhører en annen bruker enn den som kjører teamsynkroniseringen.'),
  secret_file_too_large: text('The secret file {file} is too large to hold a client secret.', 'Hemmelighetsfilen {file} er for stor til å være en klienthemmelighet.'),
  secret_file_empty: text('The secret file {file} is empty.', 'Hemmelighetsfilen {file} er tom.'),
  secret_file_demo: text('The Demo uses the built-in sandbox and needs no secret file.', 'Demo bruker den innebygde sandkassen og trenger ingen hemmelighetsfil.'),
  interval_invalid: text('--every takes an interval such as 15m, 1h or 1h30m.', '--every tar et intervall som 15m, 1h eller 1h30m.'),
  interval_too_short: text('--every must be at least one second.', '--every må være minst ett sekund.'),
  concurrency_invalid: text('--concurrency is a whole number from 1 to 64.', '--concurrency er et helt tall fra 1 til 64.'),
  // team follow / team unfollow (electron/cli/commands/team.ts).
  team_follow_usage: text(
    'Give --database, --profile and either org numbers or --file with a list, not both.',
    'Oppgi --database, --profile og enten organisasjonsnumre eller --file med en liste, ikke begge.',
  ),
  import_file_unreadable: text('The file {file} could not be read.', 'Filen {file} kunne ikke leses.'),

  // ---- what a sync refuses to store -------------------------------------------------------------------------
  listing_too_long: text(
    'A list from Symetrisk claimed more than {maxItems} entries ({totalItems}); it was not read further and nothing of it was stored.',
    'En liste fra Symetrisk oppga mer enn {maxItems} oppføringer ({totalItems}); den ble ikke lest videre, og ingenting av den ble lagret.',
  ),
  listing_too_many_pages: text(
    'A list from Symetrisk was not complete after {pages} pages, the most the app reads; nothing of it was stored.',
    'En liste fra Symetrisk var ikke komplett etter {pages} sider, det meste appen leser; ingenting av den ble lagret.',
  ),
  listing_unsettled: text(
    'A list from Symetrisk kept changing while it was read; nothing of it was stored. The next sync tries again.',
    'En liste fra Symetrisk endret seg mens den ble lest; ingenting av den ble lagret. Neste synkronisering prøver igjen.',
  ),
  repeated_page: text(
    'Symetrisk answered the same page of a list twice; the list was not read further and nothing of it was stored.',
    'Symetrisk svarte med samme side av en liste to ganger; listen ble ikke lest videre, og ingenting av den ble lagret.',
  ),
  item_too_large: text('An entry from Symetrisk was larger than the app accepts; the answer was not stored.', 'En oppføring fra Symetrisk var større enn appen godtar; svaret ble ikke lagret.'),
  identity_mismatch: text(
    'Symetrisk answered for {orgNr} about another organisation number ({answeredOrgNr}); the answer was not stored.',
    'Symetrisk svarte for {orgNr} om et annet organisasjonsnummer ({answeredOrgNr}); svaret ble ikke lagret.',
  ),
  duplicate_relationship: text(
    '{relationships} relationships name this organisation number; none was stored and the stored data are unchanged.',
    '{relationships} relasjoner oppgir dette organisasjonsnummeret; ingen ble lagret, og lagrede data er uendret.',
  ),
  invalid_org_nr: text(
    'A relationship names "{answeredOrgNr}", which is not a valid organisation number (check digit); it was not stored or followed.',
    'En relasjon oppgir «{answeredOrgNr}», som ikke er et gyldig organisasjonsnummer (kontrollsiffer); den ble ikke lagret eller fulgt.',
  ),
  sync_running: text('A sync of this connection is already running.', 'En synkronisering av denne tilkoblingen pågår allerede.'),

  // ---- jobs and exports -------------------------------------------------------------------------------------
  closing: text('The app is closing; nothing new is started.', 'Appen lukkes; ingenting nytt startes.'),
  job_running: text('This is already running.', 'Dette pågår allerede.'),
  job_not_found: text('This job is no longer known (the app may have been restarted).', 'Denne jobben er ikke kjent lenger (appen kan ha blitt startet på nytt).'),
  pack_worker_stopped: text(
    'The export stopped before the pack was complete, and no file was written. Export again; if it stops again, export fewer borrowers at a time.',
    'Eksporten stoppet før pakken var ferdig, og ingen fil ble skrevet. Eksporter på nytt; stopper den igjen, eksporter færre låntakere om gangen.',
  ),
  export_not_found: text('This export is no longer known (the app may have been restarted). Export again.', 'Denne eksporten er ikke kjent lenger (appen kan ha blitt startet på nytt). Eksporter på nytt.'),

  // ---- the cache and the data folder ------------------------------------------------------------------------
  foreign_database: text(
    'The file {file} belongs to another program; it was left as it is. Start a fresh local store under Troubleshooting and recovery.',
    'Filen {file} tilhører et annet program og ble latt være. Start ny lokal lagring under Feilsøking og gjenoppretting.',
  ),
  not_a_database: text(
    'The file {file} is not a Symetrisk Desk database (it may be damaged); it was left as it is. Start a fresh local store under Troubleshooting and recovery.',
    'Filen {file} er ikke en database fra Symetrisk Desk (den kan være skadet) og ble latt være. Start ny lokal lagring under Feilsøking og gjenoppretting.',
  ),
  newer_schema: text(
    'The file {file} was written by a newer version of Symetrisk Desk. Update the app; the file was left as it is.',
    'Filen {file} er skrevet av en nyere versjon av Symetrisk Desk. Oppdater appen; filen ble latt være.',
  ),
  disk_full: text('The disk is full. Free some space and try again; nothing already saved was lost.', 'Disken er full. Frigjør plass og prøv igjen; ingenting som allerede var lagret, gikk tapt.'),
  read_only: text(
    'The data folder cannot be written (read-only, missing or without permission). Nothing already saved was lost.',
    'Datamappen kan ikke skrives til (skrivebeskyttet, mangler eller uten tillatelse). Ingenting som allerede var lagret, gikk tapt.',
  ),
  migration_failed: text(
    'The file {file} could not be brought up to date; it was left as it was before. The details are in the log.',
    'Filen {file} kunne ikke oppdateres til ny versjon; den ble latt være slik den var. Detaljene står i loggen.',
  ),
  open_failed: text('The file {file} could not be opened. The details are in the log.', 'Filen {file} kunne ikke åpnes. Detaljene står i loggen.'),

  // ---- the stored portfolio ---------------------------------------------------------------------------------
  borrower_not_cached: text('This borrower is not in the stored data. Sync to fetch it.', 'Denne låntakeren finnes ikke i lagrede data. Synkroniser for å hente den.'),
  snapshot_not_of_borrower: text('This version of the accounts does not belong to this borrower.', 'Denne versjonen av regnskapet hører ikke til denne låntakeren.'),

  // ---- organisation numbers, names and typed text -----------------------------------------------------------
  empty: text('Empty line', 'Tom linje'),
  not_digits: text('Only digits (and spaces) are allowed', 'Bare sifre (og mellomrom) er tillatt'),
  wrong_length: text('An organisation number has 9 digits, this has {digits}', 'Et organisasjonsnummer har 9 sifre, dette har {digits}'),
  bad_check_digit: text('The check digit does not match: not a valid organisation number', 'Kontrollsifferet stemmer ikke: ikke et gyldig organisasjonsnummer'),
  duplicate: text('The same number as an earlier line', 'Samme nummer som en tidligere linje'),
  invalid_org_number: text('An organisation number has exactly nine digits.', 'Et organisasjonsnummer har nøyaktig ni sifre.'),
  nul_character: text('The text holds a NUL character, which is not allowed.', 'Teksten inneholder et NUL-tegn, som ikke er tillatt.'),
  line_break: text('The text must stay on one line.', 'Teksten må stå på én linje.'),
  bidi_control: text(
    'The text holds a character that turns the writing direction, which could make it read as something else.',
    'Teksten inneholder et tegn som snur skriveretningen og kan få den til å se ut som noe annet.',
  ),
  control_character: text('The text holds a control character, which is not allowed.', 'Teksten inneholder et kontrolltegn, som ikke er tillatt.'),
  classification_empty: text('The classification is empty. Clear the field and save to use the default.', 'Klassifiseringen er tom. Tøm feltet og lagre for å bruke standarden.'),
  classification_too_long: text('The classification has {length} characters; the footer has room for at most {max}.', 'Klassifiseringen har {length} tegn; bunnteksten har plass til høyst {max}.'),
  classification_control_characters: text(
    'The classification must stay on one line, without tabs or control characters.',
    'Klassifiseringen må stå på én linje, uten tabulatorer eller kontrolltegn.',
  ),

  // ---- numbers typed in forms (shared/decimal.ts) -----------------------------------------------------------
  decimal_empty: text('Enter a number.', 'Skriv et tall.'),
  decimal_not_a_number: text('Not a number. Write for example 3.5 or 1 000.', 'Ikke et tall. Skriv for eksempel 3,5 eller 1 000.'),
  decimal_ambiguous: text(
    'Unclear: write 1 000 for a thousand (digits grouped with spaces) or 1.0 for one.',
    'Uklart: skriv 1 000 for tusen (sifre gruppert med mellomrom) eller 1,0 for én.',
  ),
  decimal_not_whole: text('Enter a whole number.', 'Skriv et helt tall.'),
  decimal_below_min: text('At least {min}.', 'Minst {min}.'),
  decimal_above_max: text('At most {max}.', 'Høyst {max}.'),
  decimal_out_of_range: text('Enter a number from {min} to {max}.', 'Skriv et tall fra {min} til {max}.'),

  // ---- imported lists of organisation numbers ---------------------------------------------------------------
  wrong_file_type: text('Choose an Excel (.xlsx), CSV or text file.', 'Velg en Excel-fil (.xlsx), en CSV-fil eller en tekstfil.'),
  old_excel_file: text('Old Excel files (.xls) cannot be read. Save the list as .xlsx or CSV.', 'Gamle Excel-filer (.xls) kan ikke leses. Lagre listen som .xlsx eller CSV.'),
  file_empty: text('The file is empty.', 'Filen er tom.'),
  file_too_large: text('The file is larger than {maxMb} MB.', 'Filen er større enn {maxMb} MB.'),
  not_a_workbook: text('The file could not be read as an Excel workbook (.xlsx). Is it damaged, or saved in another format?', 'Filen kunne ikke leses som en Excel-arbeidsbok (.xlsx). Er den skadet, eller lagret i et annet format?'),
  workbook_too_large: text('The workbook is too large to import. Save the column of organisation numbers alone as CSV.', 'Arbeidsboken er for stor til å importeres. Lagre kolonnen med organisasjonsnumre alene som CSV.'),
  no_worksheet: text('The workbook has no worksheet.', 'Arbeidsboken har ingen ark.'),
  binary_file: text('The file is not a text or CSV file.', 'Filen er ikke en tekst- eller CSV-fil.'),
  no_orgnr_column: text('No column in the file holds organisation numbers, nor is one headed "orgnr".', 'Ingen kolonne i filen har organisasjonsnumre, og ingen har overskriften «orgnr».'),
  orgnr_column_empty: text('The column of organisation numbers has no values under its heading.', 'Kolonnen med organisasjonsnumre har ingen verdier under overskriften.'),
  too_many_lines: text('The file has {lines} organisation numbers; at most {max} can be imported at once. Split the list.', 'Filen har {lines} organisasjonsnumre; høyst {max} kan importeres om gangen. Del opp listen.'),

  // ---- limits ----------------------------------------------------------------------------------------------
  near_limit_out_of_range: text('The near-limit margin is a share from 0 to 50 % of the requirement.', 'Marginen for «nær grensen» er en andel fra 0 til 50 % av kravet.'),

  // ---- the analyst's follow-up (shared/workflow.ts, the workflow service) ------------------------------------
  note_not_found: text('There is no such note for this borrower.', 'Det finnes ikke et slikt notat for denne låntakeren.'),
  note_deleted: text('This note was deleted.', 'Dette notatet er slettet.'),
  changed_elsewhere: text(
    'It was changed after you opened it (by {author}). Nothing was saved; open it again to see the change.',
    'Det ble endret etter at du åpnet det (av {author}). Ingenting ble lagret; åpne det på nytt for å se endringen.',
  ),
  text_empty: text('Write something first.', 'Skriv noe først.'),
  text_too_long: text('The text has {length} characters; at most {max} fit.', 'Teksten har {length} tegn; det er plass til høyst {max}.'),
  assessment_empty: text('Choose a recommendation or write a comment.', 'Velg en innstilling eller skriv en kommentar.'),
  comment_required: text('A recommendation needs a comment that says why.', 'En innstilling trenger en kommentar som begrunner den.'),
  conditions_required: text('Approval with conditions needs the conditions.', 'Godkjenning med vilkår trenger vilkårene.'),
  conditions_not_expected: text('Conditions belong to an approval with conditions only.', 'Vilkår hører bare til en godkjenning med vilkår.'),
  review_date_invalid: text('Not a date.', 'Ikke en dato.'),
  review_date_past: text('The review date is in the past.', 'Datoen for neste gjennomgang er passert.'),
  review_date_too_far: text('The review date is more than five years ahead.', 'Datoen for neste gjennomgang er mer enn fem år frem i tid.'),

  // ---- access requests --------------------------------------------------------------------------------------
  api_refused: text('Symetrisk refused the request for this number.', 'Symetrisk avviste forespørselen for dette nummeret.'),
  no_answer: text('Symetrisk did not answer for this number.', 'Symetrisk svarte ikke for dette nummeret.'),
  already_approved: text(
    'The bank has access to this borrower already (as of the last sync); no request was sent.',
    'Banken har allerede tilgang til denne låntakeren (etter siste synkronisering); ingen forespørsel ble sendt.',
  ),

  answer_unmatched: text(
    'Symetrisk answered about a number that was not asked for; the answer is kept apart, with its link if it had one.',
    'Symetrisk svarte om et nummer det ikke ble spurt om; svaret er holdt for seg, med lenken hvis det hadde en.',
  ),
  no_signup_links: text('No access request has a signup link to export yet.', 'Ingen tilgangsforespørsel har en registreringslenke å eksportere ennå.'),
  server_error: text('Symetrisk answered with an error on its side; whether the request got through is not known. Check again later.', 'Symetrisk svarte med en feil på sin side; det er ukjent om forespørselen kom fram. Sjekk igjen senere.'),
  bad_response: text('Symetrisk answered with something the app cannot read; nothing of it was stored.', 'Symetrisk svarte med noe appen ikke kan lese; ingenting av det ble lagret.'),
  borrower_not_found: text('{orgNr} is not in this connection’s portfolio.', '{orgNr} er ikke i porteføljen til denne tilkoblingen.'),
  shared_relationship: text(
    'Symetrisk answered for {orgNr} with a relationship other organisation numbers answered with too; it was not stored.',
    'Symetrisk svarte for {orgNr} med en kundeforbindelse som også andre organisasjonsnumre fikk som svar; den ble ikke lagret.',
  ),
  relationship_not_found: text('Symetrisk has no customer relationship with {orgNr} for this bank; nothing was linked.', 'Symetrisk har ingen kundeforbindelse med {orgNr} for denne banken; ingenting ble koblet.'),
  team_workflow_invalid: text(
    'The team database holds an analyst’s version the app would not store (the field «{field}»); it was left out.',
    'Teamdatabasen har en saksbehandlerversjon appen ikke ville lagret (feltet «{field}»); den ble utelatt.',
  ),
  version_id_taken: text(
    'The team database already holds another version under this version’s id; it was not shared. Tell the bank’s IT department.',
    'Teamdatabasen har allerede en annen versjon med samme id; denne ble ikke delt. Si fra til bankens IT-avdeling.',
  ),

  // ---- the Brønnøysund registers ----------------------------------------------------------------------------
  registry_unreachable: text('The Brønnøysund Register Centre could not be reached.', 'Fikk ikke kontakt med Brønnøysundregistrene.'),
  registry_timeout: text('The Brønnøysund Register Centre did not answer in time.', 'Brønnøysundregistrene svarte ikke i tide.'),
  registry_truncated: text('The answer from the Brønnøysund Register Centre was cut off; nothing of it was stored.', 'Svaret fra Brønnøysundregistrene ble brutt av; ingenting av det ble lagret.'),
  registry_not_json: text('The Brønnøysund Register Centre answered with something the app cannot read.', 'Brønnøysundregistrene svarte med noe appen ikke kan lese.'),
  registry_bad_shape: text('The Brønnøysund Register Centre answered in a form the app does not know; nothing of it was stored.', 'Brønnøysundregistrene svarte på en form appen ikke kjenner; ingenting av det ble lagret.'),
  registry_bad_request: text('The Brønnøysund Register Centre refused the request.', 'Brønnøysundregistrene avviste forespørselen.'),
  registry_server_error: text('The Brønnøysund Register Centre answered with a server error. Try again later.', 'Brønnøysundregistrene svarte med en feil på sin side. Prøv igjen senere.'),
  registry_rate_limited: text('The Brønnøysund Register Centre asked the app to slow down. Try again in a while.', 'Brønnøysundregistrene ba appen vente. Prøv igjen om litt.'),
  registry_unexpected_status: text('The Brønnøysund Register Centre answered unexpectedly.', 'Brønnøysundregistrene svarte uventet.'),
  registry_wrong_unit: text('The Brønnøysund Register Centre answered about another unit than the one asked for; nothing was stored.', 'Brønnøysundregistrene svarte om en annen enhet enn den det ble spurt om; ingenting ble lagret.'),
  page_beyond_limit: text('A search in the register can page through at most {max} hits.', 'Et søk i registeret kan bla gjennom høyst {max} treff.'),
  name_length: text('A name search takes 1 to {max} characters.', 'Et navnesøk tar 1 til {max} tegn.'),
  registry_not_available: text('The Demo sandbox serves no registry.', 'Demo-sandkassen har ikke noe register.'),
  registry_disabled: text('Registry look-ups are switched off in Settings.', 'Oppslag i registrene er slått av i Innstillinger.'),
  name_without_letters: text('The name has nothing to search for.', 'Navnet har ikke noe å søke på.'),
  internal: text('Something went wrong inside the app. The details are in the log.', 'Noe gikk galt i appen. Detaljene står i loggen.'),

  // ---- the portfolio grid's saved views and its table export (grid) ----------------------------------------
  view_name_empty: text('Give the view a name.', 'Gi visningen et navn.'),
  view_name_too_long: text('A view’s name can be at most {max} characters long.', 'Navnet på en visning kan ha høyst {max} tegn.'),
  view_name_taken: text('There is a view of that name already.', 'Det finnes allerede en visning med dette navnet.'),
  view_id_taken: text('Two saved views have the same id; nothing was saved.', 'To lagrede visninger har samme id; ingenting ble lagret.'),
  view_not_found: text('That saved view no longer exists.', 'Den lagrede visningen finnes ikke lenger.'),
  not_wired: text('This export is not available in this version of the app.', 'Denne eksporten finnes ikke i denne versjonen av appen.'),
};
