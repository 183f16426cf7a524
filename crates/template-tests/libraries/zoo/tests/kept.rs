//! A client keeps its connection: closing the connection waits for the client,
//! which points to it. Written against the crate generated for `zoo`, and copied
//! into it by the kit's tests (`the_wrapper` is replaced by the crate's name).

use std::sync::Mutex;

use the_wrapper::{Client, Conn, Error};

/// The live counts are the library's, for the whole process: one test at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

#[test]
fn a_closed_connection_stays_alive_for_the_client_that_uses_it() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let conn = Conn::new(7)?;
    let client = Client::new(&conn)?;
    assert!(conn.close());
    assert!(conn.port().is_err(), "no new use after the close");
    assert_eq!(client.ping(), 7, "the client reads its connection");
    assert_eq!(Conn::live(), 1, "the client's connection is still there");
    drop(client);
    assert_eq!(Conn::live(), 0, "the client was the last to need it");
    Ok(())
}

#[test]
fn a_close_on_another_thread_waits_for_the_client() -> Result<(), Error> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let conn = Conn::new(9)?;
    let client = Client::new(&conn)?;
    std::thread::scope(|scope| {
        scope.spawn(|| assert!(conn.close()));
        for _ in 0..10_000 {
            assert_eq!(client.ping(), 9);
        }
    });
    assert_eq!(Conn::live(), 1);
    drop((client, conn));
    assert_eq!(Conn::live(), 0);
    Ok(())
}
