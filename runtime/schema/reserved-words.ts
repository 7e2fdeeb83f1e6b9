import { SYSTEM_COLUMNS } from "./types";

/**
 * Words that cannot safely name a table or a column on one of our databases. knex quotes every
 * identifier, but raw SQL in migrations, exports and admin tooling often does not, so a key that
 * only works when quoted is a trap we refuse up front.
 *
 * MySQL 8.0 reserved words (the "(R)" entries of the manual) and MariaDB's additions.
 */
const MYSQL_MARIADB = `
accessible add all alter analyze and as asc asensitive before between bigint binary blob both by
call cascade case change char character check collate column condition constraint continue convert
create cross cube cume_dist current_date current_role current_time current_timestamp current_user
cursor database databases day_hour day_microsecond day_minute day_second dec decimal declare default
delayed delete delete_domain_id dense_rank desc describe deterministic distinct distinctrow div
do_domain_ids double drop dual each else elseif empty enclosed escaped except exists exit explain
false fetch first_value float float4 float8 for force foreign from fulltext function general
generated get grant group grouping groups having high_priority hour_microsecond hour_minute
hour_second if ignore ignore_domain_ids ignore_server_ids in index infile inner inout insensitive
insert int int1 int2 int3 int4 int8 integer intersect interval into io_after_gtids io_before_gtids
is iterate join json_table key keys kill lag last_value lateral lead leading leave left like limit
linear lines load localtime localtimestamp lock long longblob longtext loop low_priority
master_bind master_heartbeat_period master_ssl_verify_server_cert match maxvalue mediumblob
mediumint mediumtext middleint minute_microsecond minute_second mod modifies natural not
no_write_to_binlog nth_value ntile null numeric of offset on optimize optimizer_costs option
optionally or order out outer outfile over page_checksum parse_vcol_expr partition percent_rank
precision primary procedure purge qualify range rank read read_write reads real recursive
ref_system_id references regexp release rename repeat replace require resignal restrict return
returning revoke right rlike row row_number rows schema schemas second_microsecond select sensitive
separator set show signal slow smallint spatial specific sql sql_big_result sql_calc_found_rows
sql_small_result sqlexception sqlstate sqlwarning ssl starting stats_auto_recalc stats_persistent
stats_sample_pages stored straight_join system table terminated then tinyblob tinyint tinytext to
trailing trigger true undo union unique unlock unsigned update usage use using utc_date utc_time
utc_timestamp values varbinary varchar varcharacter varying virtual when where while window with
write xor year_month zerofill
`;

/**
 * SQLite keywords that its parser does not fall back to plain identifiers (the rest of its
 * keyword list, e.g. `plan`, `first`, `action`, parses fine as a column name).
 */
const SQLITE = `
add all alter and as autoincrement between case check collate commit constraint create cross
current_date current_time current_timestamp default deferrable delete distinct drop else escape
except exists filter foreign from full glob group having in index indexed inner insert intersect
into is isnull join left limit natural not nothing notnull null on or order outer over primary
references returning right select set table then to transaction union unique update using values
when where window
`;

/** Not reserved everywhere, but a function or keyword in enough SQL dialects to be confusing. */
const AMBIGUOUS = `user session_user system_user`;

const words = (list: string) => list.split(/\s+/).filter(Boolean);

export const SQL_RESERVED_WORDS: ReadonlySet<string> = new Set([...words(MYSQL_MARIADB), ...words(SQLITE), ...words(AMBIGUOUS)]);

/** Prefix of Tessera's own tables and columns (users, journal, trash, temporary columns). */
export const SYSTEM_PREFIX = "crm_";

/** Which kind of reserved name `key` is (case-insensitive), or null when it is free. */
export function reservedKeyKind(key: string): "systemColumn" | "reservedPrefix" | "sqlWord" | null {
  const lower = key.toLowerCase();
  if ((SYSTEM_COLUMNS as readonly string[]).includes(lower)) return "systemColumn";
  if (lower.startsWith(SYSTEM_PREFIX)) return "reservedPrefix";
  if (SQL_RESERVED_WORDS.has(lower)) return "sqlWord";
  return null;
}

/**
 * Why `key` may not name a table or a field, or null when it may. Case-insensitive, because
 * MySQL on some file systems and SQLite compare identifiers that way.
 */
export function reservedKeyReason(key: string): string | null {
  switch (reservedKeyKind(key)) {
    case "systemColumn":
      return `"${key}" is a system column every record already has`;
    case "reservedPrefix":
      return `"${key}" starts with "${SYSTEM_PREFIX}", which is reserved for Tessera's own tables and columns`;
    case "sqlWord":
      return `"${key}" is a reserved word in SQL (MySQL, MariaDB or SQLite)`;
    case null:
      return null;
  }
}
