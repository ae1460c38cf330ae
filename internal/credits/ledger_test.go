package credits_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/saaslite/controlplane/gen/api"
)

// TestConcurrentAddsKeepLedgerConsistent fires 100 adds at 4 teams from 100
// goroutines at once. Every acknowledged add must be in the ledger exactly
// once, each team's balance must equal its ledger, and the before/after
// chain must hold.
func TestConcurrentAddsKeepLedgerConsistent(t *testing.T) {
	e := newWideEnv(t)
	teamIDs := []string{"t0", "t1", "t2", "t3"}
	for _, id := range teamIDs {
		e.team(t, id, 10)
	}
	const adds = 100
	type ack struct {
		team, txID string
		amount     int64
	}
	acks := make(chan ack, adds)
	errs := make(chan error, adds)
	start := make(chan struct{})
	var wg sync.WaitGroup
	began := time.Now()
	for i := range adds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			team, amount := teamIDs[i%len(teamIDs)], int64(i+1)
			got, err := e.credits.Add(e.ctx, team, api.AddCreditsRequest{Credits: amount}, nil)
			if err != nil {
				errs <- err
				return
			}
			acks <- ack{team, got.Transaction.TransactionId.String(), got.CreditsAdded}
		}()
	}
	close(start)
	wg.Wait()
	close(acks)
	close(errs)
	for err := range errs {
		t.Errorf("add failed: %v", err)
	}
	t.Logf("%d concurrent adds over %d teams in %v", adds, len(teamIDs), time.Since(began))

	want := map[string]map[string]bool{}
	sums := map[string]int64{}
	for a := range acks {
		if want[a.team] == nil {
			want[a.team] = map[string]bool{}
		}
		want[a.team][a.txID] = true
		sums[a.team] += a.amount
	}
	total := 0
	for _, id := range teamIDs {
		ledger := e.checkLedger(t, id)
		for txID := range want[id] {
			if ledger[txID] != 1 {
				t.Errorf("%s: acknowledged %s appears %d times", id, txID, ledger[txID])
			}
		}
		// The ledger holds the acknowledged adds plus the initial allocation.
		if len(ledger) != len(want[id])+1 {
			t.Errorf("%s: %d ledger entries, want %d", id, len(ledger), len(want[id])+1)
		}
		b, err := e.credits.Balance(e.ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if b.CreditsRemaining != 10+sums[id] {
			t.Errorf("%s: balance %d, want %d", id, b.CreditsRemaining, 10+sums[id])
		}
		total += len(want[id])
	}
	if total != adds {
		t.Errorf("acknowledged %d adds, want %d", total, adds)
	}
}

// TestConcurrentIdempotentRetries sends each of 20 keys 5 times at once:
// exactly one ledger entry per key, and every retry of a key gets the very
// answer of its first request.
func TestConcurrentIdempotentRetries(t *testing.T) {
	e := newWideEnv(t)
	e.team(t, "t1", 0)
	e.team(t, "t2", 0)
	const keys, sends = 20, 5
	type answer struct {
		key, body string
	}
	answers := make(chan answer, keys*sends)
	errs := make(chan error, keys*sends)
	start := make(chan struct{})
	var wg sync.WaitGroup
	began := time.Now()
	for k := range keys {
		for range sends {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				team := []string{"t1", "t2"}[k%2]
				key := fmt.Sprintf("key-%d", k)
				got, err := e.credits.Add(e.ctx, team, api.AddCreditsRequest{Credits: int64(k + 1), Reason: ptr(key)}, &key)
				if err != nil {
					errs <- err
					return
				}
				answers <- answer{team + "/" + key, mustJSON(t, got)}
			}()
		}
	}
	close(start)
	wg.Wait()
	close(answers)
	close(errs)
	for err := range errs {
		t.Errorf("add failed: %v", err)
	}
	t.Logf("%d keys x %d concurrent sends in %v", keys, sends, time.Since(began))

	byKey := map[string][]string{}
	for a := range answers {
		byKey[a.key] = append(byKey[a.key], a.body)
	}
	if len(byKey) != keys {
		t.Errorf("%d keys answered, want %d", len(byKey), keys)
	}
	for key, bodies := range byKey {
		if len(bodies) != sends {
			t.Errorf("%s: %d answers, want %d", key, len(bodies), sends)
		}
		for _, b := range bodies[1:] {
			if b != bodies[0] {
				t.Errorf("%s: answers differ:\n%s\n%s", key, bodies[0], b)
			}
		}
	}
	if n := e.count(t, `SELECT count(*) FROM credit_transactions`); n != keys {
		t.Errorf("ledger entries = %d, want %d", n, keys)
	}
	if n := e.count(t, `SELECT count(*) FROM admin_audit_log WHERE action = 'added_credits'`); n != keys {
		t.Errorf("audit entries = %d, want %d", n, keys)
	}
	e.checkLedger(t, "t1")
	e.checkLedger(t, "t2")
}
