package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/clearance-go/clearance/permission/sqlfilter"
)

// pgDSNVar names the PostgreSQL connection string the database tests use;
// .ci/postgres starts a throwaway cluster and sets it.
const pgDSNVar = "CLEARANCE_PG_DSN"

// requirePG reports whether a missing PostgreSQL must fail the tests: in CI
// (CI set) or when .ci/run asks for it (CLEARANCE_REQUIRE_PG set).
func requirePG() bool { return os.Getenv("CI") != "" || os.Getenv("CLEARANCE_REQUIRE_PG") != "" }

// openPostgres connects to the cluster CLEARANCE_PG_DSN names, creates a
// database of its own for this test binary and the example's tables in it,
// and drops it at cleanup. Without the variable it skips, with a message
// saying how to run the PostgreSQL part, unless requirePG says to fail.
func openPostgres(tb testing.TB) *sql.DB {
	tb.Helper()
	dsn := os.Getenv(pgDSNVar)
	if dsn == "" {
		msg := pgDSNVar + " is not set: the PostgreSQL part needs a server (run `.ci/postgres go test ./...` from examples/listing, with the repository's .ci/postgres)"
		if requirePG() {
			tb.Fatal(msg)
		}
		tb.Skip(msg)
	}
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		tb.Fatalf("%s: %v", pgDSNVar, err)
	}
	ctx := context.Background()
	admin := stdlib.OpenDB(*cfg)
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		tb.Fatalf("PostgreSQL at %s=%q: %v", pgDSNVar, dsn, err)
	}
	name := fmt.Sprintf("clearance_listing_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		tb.Fatalf("create database: %v", err)
	}
	own := cfg.Copy()
	own.Database = name
	db := stdlib.OpenDB(*own)
	tb.Cleanup(func() {
		db.Close()
		if _, err := admin.ExecContext(ctx, "DROP DATABASE "+name); err != nil {
			tb.Errorf("drop database %s: %v", name, err)
		}
		admin.Close()
	})
	createTables(tb, db, sqlfilter.PostgreSQL)
	return db
}

// openSQLite opens an in-memory SQLite database with the example's tables.
// An in-memory database lives as long as its one connection, so the pool is
// held to one.
func openSQLite(tb testing.TB) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		tb.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	tb.Cleanup(func() { db.Close() })
	createTables(tb, db, sqlfilter.SQLite)
	return db
}

// createTables creates the tables of every layout the differential test
// runs, once for each schema and prefix.
func createTables(tb testing.TB, db *sql.DB, d sqlfilter.Dialect) {
	tb.Helper()
	done := map[[2]string]bool{}
	for _, l := range layouts {
		if done[[2]string{l.schema, l.prefix}] {
			continue
		}
		done[[2]string{l.schema, l.prefix}] = true
		for _, stmt := range l.ddl(d) {
			if _, err := db.Exec(stmt); err != nil {
				tb.Fatalf("%s: %v", stmt, err)
			}
		}
	}
}
