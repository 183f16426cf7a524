//! sqlite3 through the API generated from its installed `sqlite3.h` (linked, or
//! loaded at run time): an in-memory database, a table, rows written and read
//! through prepared statements that keep their database alive, and SQL errors as
//! `Err` with sqlite's own message.

use refcount::leak::LeakCheck;
use the_wrapper::{Database, Error, Statement, SQLITE_DONE, SQLITE_ROW};

/// Runs one statement that returns no row.
fn run(db: &Database, sql: &str) -> Result<(), Error> {
    let statement = db.prepare_v2(sql.as_bytes())?;
    assert_eq!(statement.step()?, SQLITE_DONE);
    Ok(())
}

/// Every row a statement gives: its first column as a number, its second as text.
fn rows(statement: &Statement) -> Result<Vec<(i64, Option<String>)>, Error> {
    let mut found = Vec::new();
    while statement.step()? == SQLITE_ROW {
        found.push((statement.column_int64(0), statement.column_text(1)));
    }
    Ok(found)
}

#[test]
fn rows_go_in_and_come_out_through_statements_that_keep_their_database() -> Result<(), Error> {
    let check = LeakCheck::start();
    let db = Database::open(":memory:")?;
    run(&db, "CREATE TABLE dogs (id INTEGER PRIMARY KEY, name TEXT)")?;
    let insert = db.prepare_v2(b"INSERT INTO dogs (id, name) VALUES (?1, 'dog ' || ?1)")?;
    for id in [3, 1, 2] {
        insert.bind_int64(1, id)?;
        assert_eq!(insert.step()?, SQLITE_DONE);
        assert_eq!(db.changes()?, 1);
        insert.reset()?;
    }
    let select = db.prepare_v2(b"SELECT id, name FROM dogs ORDER BY id")?;
    assert_eq!(select.column_count(), 2);
    // The statements keep the database open: our handle goes first.
    drop(db);
    assert_eq!(refcount::leak::live().get("sqlite3"), Some(&1));
    assert_eq!(
        rows(&select)?,
        [
            (1, Some("dog 1".to_owned())),
            (2, Some("dog 2".to_owned())),
            (3, Some("dog 3".to_owned()))
        ]
    );
    drop((insert, select));
    check.finish().expect("the database and its statements are released once");
    Ok(())
}

#[test]
fn an_sql_error_is_an_err_with_sqlites_message() -> Result<(), Error> {
    let check = LeakCheck::start();
    let db = Database::open(":memory:")?;
    match db.prepare_v2(b"SELEKT 1") {
        Err(Error::Status {
            function,
            code,
            message,
        }) => {
            assert_eq!(function, "sqlite3_prepare_v2");
            assert_eq!(code, 1, "SQLITE_ERROR");
            assert_eq!(message.as_deref(), Some("near \"SELEKT\": syntax error"));
        }
        other => panic!("not a status: {other:?}"),
    }
    run(&db, "CREATE TABLE t (x INTEGER UNIQUE)")?;
    run(&db, "INSERT INTO t VALUES (1)")?;
    let again = db.prepare_v2(b"INSERT INTO t VALUES (1)")?;
    // The statement's error is read from the database it keeps.
    let err = again.step().unwrap_err();
    assert!(err.to_string().contains("UNIQUE constraint failed: t.x"), "{err}");
    drop((db, again));
    check.finish().expect("nothing leaked");
    Ok(())
}

#[test]
fn a_closed_database_is_an_err_not_a_crash() -> Result<(), Error> {
    let check = LeakCheck::start();
    let db = Database::open(":memory:")?;
    let other = db.clone();
    assert!(db.close());
    assert!(matches!(other.prepare_v2(b"SELECT 1"), Err(Error::Handle(_))));
    assert!(matches!(other.changes(), Err(Error::Handle(_))));
    drop((db, other));
    check.finish().expect("closed once");
    Ok(())
}

#[test]
fn a_file_that_cannot_open_is_an_err_and_leaks_nothing() {
    let check = LeakCheck::start();
    // sqlite3_open hands back a handle even when it fails: it is closed with the error.
    let err = Database::open("/no/such/folder/db.sqlite").unwrap_err();
    assert!(err.to_string().contains("unable to open database file"), "{err}");
    check.finish().expect("the failed connection is closed");
}
