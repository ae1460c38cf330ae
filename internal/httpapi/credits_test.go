package httpapi_test

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/saaslite/controlplane/gen/client"
	"github.com/saaslite/controlplane/internal/apitest"
)

// mgCheckChain checks that a ledger page (newest first) is a contiguous
// chain: after = before + amount, and each entry starts where the older one
// ended.
func mgCheckChain(t *testing.T, team string, txs []client.CreditTransaction) {
	t.Helper()
	for i, e := range txs {
		if e.CreditsAfter != e.CreditsBefore+e.CreditsAmount {
			t.Errorf("%s: entry %d: %d + %d != %d", team, i, e.CreditsBefore, e.CreditsAmount, e.CreditsAfter)
		}
		if i+1 < len(txs) && e.CreditsBefore != txs[i+1].CreditsAfter {
			t.Errorf("%s: entry %d starts at %d, the older one ended at %d", team, i, e.CreditsBefore, txs[i+1].CreditsAfter)
		}
	}
}

// TestCreditsAdd checks the add response, the ledger entry it makes, the
// actor of each credential, the default reason, the amount bounds, and 404.
func TestCreditsAdd(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("cr-org")
	m.team("cr-org", "cr-team", 100)

	before := time.Now().Add(-time.Minute)
	r, _ := m.oc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: 50, Reason: ptr("Monthly top-up")})
	if r.JSON200 == nil {
		t.Fatalf("add = %d %s", r.StatusCode(), r.Body)
	}
	a := r.JSON200
	tx := a.Transaction
	if a.TeamId != "cr-team" || a.CreditsAdded != 50 || a.CreditsRemaining != 150 {
		t.Errorf("added = %s", r.Body)
	}
	if tx.TeamId != "cr-team" || tx.OrganizationId != "cr-org" || tx.TransactionType != client.Allocation || tx.CreditsAmount != 50 ||
		tx.CreditsBefore != 100 || tx.CreditsAfter != 150 || tx.Reason == nil || *tx.Reason != "Monthly top-up" ||
		tx.Actor != "user:"+m.owner.User.UserId.String() || tx.CreatedAt.Before(before) {
		t.Errorf("transaction = %+v", tx)
	}

	// The master key: actor master_key; no reason: the default one.
	mk, _ := m.mc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: 25})
	if mk.JSON200 == nil || mk.JSON200.Transaction.Actor != "master_key" || mk.JSON200.Transaction.CreditsBefore != 150 ||
		mk.JSON200.CreditsRemaining != 175 || mk.JSON200.Transaction.Reason == nil || *mk.JSON200.Transaction.Reason != "Manual credit allocation" {
		t.Errorf("add by master key = %d %s", mk.StatusCode(), mk.Body)
	}
	// The seed report's total: 100 + 50 + 25.
	b := m.balance("cr-team")
	if b.TeamId != "cr-team" || b.OrganizationId != "cr-org" || b.CreditsAllocated != 175 || b.CreditsUsed != 0 || b.CreditsRemaining != 175 ||
		b.Status != client.TeamStatusActive || b.UpdatedAt.Before(before) {
		t.Errorf("balance = %+v", b)
	}

	// The bounds: 1 and 1e9 are fine.
	for _, n := range []int64{1, 1_000_000_000} {
		ok, _ := m.oc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: n})
		mgStatus(t, fmt.Sprintf("add %d", n), ok.StatusCode(), 200, ok.Body)
	}
	want := int64(175 + 1 + 1_000_000_000)
	// Out of range through the typed client.
	for _, n := range []int64{0, -1, -1_000_000, 1_000_000_001, 1 << 62} {
		bad, _ := m.oc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: n})
		if bad.StatusCode() != 422 || bad.JSON422 == nil || !strings.Contains(bad.JSON422.Detail, "credits") {
			t.Errorf("add %d = %d %s", n, bad.StatusCode(), bad.Body)
		}
	}
	// And what the typed client cannot send.
	for _, body := range []string{`{"credits":1.5}`, `{"credits":"10"}`, `{"credits":1000000001}`, `{"credits":null}`, `{}`, `{"reason":"x"}`,
		`{"credits":true}`, `{"credits":[10]}`, `{"credits":99999999999999999999999}`} {
		resp, rb := m.raw("POST", "/api/credits/teams/cr-team/add", body, nil)
		mgStatus(t, "add "+body, resp.StatusCode, 422, rb)
	}
	// Reason: 500 characters are fine, 501 are not.
	ok, _ := m.oc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: 1, Reason: ptr(strings.Repeat("r", 500))})
	mgStatus(t, "500-char reason", ok.StatusCode(), 200, ok.Body)
	want++
	long, _ := m.oc.AddCreditsWithResponse(bg, "cr-team", nil, client.AddCreditsRequest{Credits: 1, Reason: ptr(strings.Repeat("r", 501))})
	if long.StatusCode() != 422 || long.JSON422 == nil || !strings.Contains(long.JSON422.Detail, "reason") {
		t.Errorf("501-char reason = %d %s", long.StatusCode(), long.Body)
	}

	nf, _ := m.oc.AddCreditsWithResponse(bg, "no-such-team", nil, client.AddCreditsRequest{Credits: 5})
	if nf.StatusCode() != 404 || nf.JSON404 == nil || !strings.Contains(nf.JSON404.Detail, "no-such-team") {
		t.Errorf("add to unknown team = %d %s", nf.StatusCode(), nf.Body)
	}

	// No refused request wrote anything.
	if b := m.balance("cr-team"); b.CreditsRemaining != want {
		t.Errorf("balance = %d, want %d", b.CreditsRemaining, want)
	}
	l := m.ledger("cr-team")
	if l.Total != 6 {
		t.Errorf("ledger entries = %d, want 6", l.Total)
	}
	mgCheckChain(t, "cr-team", l.Transactions)
	adds, _ := m.audit("added_credits")
	if len(adds) != 5 {
		t.Errorf("added_credits entries = %d, want 5", len(adds))
	}
}

// TestCreditsTransactions checks the ledger listing: newest first, total,
// the limit and its bounds, and 404.
func TestCreditsTransactions(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("tx-org")
	m.team("tx-org", "tx-team", 1000)
	m.team("tx-org", "tx-other", 1)
	for i := int64(1); i <= 55; i++ {
		m.add("tx-team", i)
	}

	r, _ := m.oc.ListCreditTransactionsWithResponse(bg, "tx-team", nil)
	if r.JSON200 == nil {
		t.Fatalf("transactions = %d %s", r.StatusCode(), r.Body)
	}
	l := r.JSON200
	if l.TeamId != "tx-team" || l.Total != 56 || len(l.Transactions) != 50 {
		t.Errorf("default page: team %s total %d, %d entries; want 56 and 50", l.TeamId, l.Total, len(l.Transactions))
	}
	for i, e := range l.Transactions {
		if e.CreditsAmount != int64(55-i) || e.TeamId != "tx-team" {
			t.Errorf("entry %d = %+v (want newest first)", i, e)
			break
		}
		if i > 0 && e.CreatedAt.After(l.Transactions[i-1].CreatedAt) {
			t.Errorf("entry %d is newer than entry %d", i, i-1)
		}
	}
	mgCheckChain(t, "tx-team", l.Transactions)

	two, _ := m.oc.ListCreditTransactionsWithResponse(bg, "tx-team", &client.ListCreditTransactionsParams{Limit: ptr(2)})
	if two.JSON200 == nil || two.JSON200.Total != 56 || len(two.JSON200.Transactions) != 2 || two.JSON200.Transactions[0].CreditsAmount != 55 {
		t.Errorf("limit 2 = %s", two.Body)
	}
	all, _ := m.mc.ListCreditTransactionsWithResponse(bg, "tx-team", &client.ListCreditTransactionsParams{Limit: ptr(500)})
	if all.JSON200 == nil || len(all.JSON200.Transactions) != 56 || all.JSON200.Transactions[55].CreditsAmount != 1000 ||
		all.JSON200.Transactions[55].CreditsBefore != 0 {
		t.Errorf("limit 500 = %d entries", len(all.JSON200.Transactions))
	}
	if all.JSON200 != nil {
		var sum int64
		for _, e := range all.JSON200.Transactions {
			sum += e.CreditsAmount
		}
		if b := m.balance("tx-team"); sum != b.CreditsRemaining || sum != 1000+55*56/2 {
			t.Errorf("ledger sums to %d, balance %d", sum, b.CreditsRemaining)
		}
	}
	// Another team's ledger is its own.
	if o := m.ledger("tx-other"); o.Total != 1 || len(o.Transactions) != 1 || o.Transactions[0].TeamId != "tx-other" {
		t.Errorf("other team's ledger = %+v", o)
	}

	for _, limit := range []int{0, -1, 501, 100000} {
		bad, _ := m.oc.ListCreditTransactionsWithResponse(bg, "tx-team", &client.ListCreditTransactionsParams{Limit: ptr(limit)})
		if bad.StatusCode() != 422 || bad.JSON422 == nil || !strings.Contains(bad.JSON422.Detail, "limit") {
			t.Errorf("limit %d = %d %s", limit, bad.StatusCode(), bad.Body)
		}
	}
	nf, _ := m.oc.ListCreditTransactionsWithResponse(bg, "no-such-team", nil)
	mgStatus(t, "transactions of unknown team", nf.StatusCode(), 404, nf.Body)
	nb, _ := m.oc.GetCreditBalanceWithResponse(bg, "no-such-team")
	if nb.StatusCode() != 404 || nb.JSON404 == nil || !strings.Contains(nb.JSON404.Detail, "no-such-team") {
		t.Errorf("balance of unknown team = %d %s", nb.StatusCode(), nb.Body)
	}
}

// TestCreditsCheck checks POST .../check: the default of one credit, the
// answer on both sides of the balance, bounds, 404, and that it changes
// nothing.
func TestCreditsCheck(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("ck-org")
	m.team("ck-org", "ck-team", 10)
	zero := m.team("ck-org", "ck-zero", 0)

	check := func(c *client.ClientWithResponses, team string, needed *int64) *client.CheckCreditsResponse {
		t.Helper()
		var p *client.CheckCreditsParams
		if needed != nil {
			p = &client.CheckCreditsParams{CreditsNeeded: needed}
		}
		r, err := c.CheckCreditsWithResponse(bg, team, p)
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	cases := []struct {
		team      string
		needed    *int64
		has       bool
		wantNeed  int64
		remaining int64
	}{
		{"ck-team", nil, true, 1, 10},
		{"ck-team", ptr(int64(10)), true, 10, 10},
		{"ck-team", ptr(int64(11)), false, 11, 10},
		{"ck-team", ptr(int64(1_000_000_000)), false, 1_000_000_000, 10},
		{"ck-zero", nil, false, 1, 0},
	}
	for _, c := range cases {
		r := check(m.oc, c.team, c.needed)
		if r.JSON200 == nil || r.JSON200.TeamId != c.team || r.JSON200.HasCredits != c.has || r.JSON200.CreditsNeeded != c.wantNeed ||
			r.JSON200.CreditsRemaining != c.remaining {
			t.Errorf("check %s %v = %d %s", c.team, c.needed, r.StatusCode(), r.Body)
		}
	}
	// The team's own key may ask too.
	if r := check(m.env.Client(apitest.Bearer(zero.VirtualKey)), "ck-zero", ptr(int64(1))); r.JSON200 == nil || r.JSON200.HasCredits {
		t.Errorf("check with the team key = %d %s", r.StatusCode(), r.Body)
	}
	for _, n := range []int64{0, -5, 1_000_000_001} {
		r := check(m.oc, "ck-team", ptr(n))
		if r.StatusCode() != 422 || r.JSON422 == nil || !strings.Contains(r.JSON422.Detail, "credits_needed") {
			t.Errorf("credits_needed %d = %d %s", n, r.StatusCode(), r.Body)
		}
	}
	resp, body := m.raw("POST", "/api/credits/teams/ck-team/check?credits_needed=abc", "", map[string]string{"Content-Type": ""})
	mgStatus(t, "credits_needed=abc", resp.StatusCode, 422, body)
	resp, body = m.raw("POST", "/api/credits/teams/ck-team/check?credits_needed=1.5", "", map[string]string{"Content-Type": ""})
	mgStatus(t, "credits_needed=1.5", resp.StatusCode, 422, body)
	mgStatus(t, "check unknown team", check(m.oc, "no-such-team", nil).StatusCode(), 404, nil)

	// Checking changes nothing.
	if l := m.ledger("ck-team"); l.Total != 1 || m.balance("ck-team").CreditsRemaining != 10 {
		t.Errorf("check changed the ledger: %+v", l)
	}
}

// TestCreditsIdempotency checks Idempotency-Key: a retry returns the first
// answer and adds nothing, a different body with the same key is 422, keys
// are per team, and concurrent retries still add once.
func TestCreditsIdempotency(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	m.org("idem-org")
	m.team("idem-org", "idem-a", 10)
	m.team("idem-org", "idem-b", 10)
	key := func(k string) *client.AddCreditsParams { return &client.AddCreditsParams{IdempotencyKey: ptr(k)} }
	body := client.AddCreditsRequest{Credits: 30, Reason: ptr("retry me")}

	first, _ := m.oc.AddCreditsWithResponse(bg, "idem-a", key("order-1"), body)
	if first.JSON200 == nil {
		t.Fatalf("first = %d %s", first.StatusCode(), first.Body)
	}
	// The retry may come from another credential; the answer is the first one.
	for _, c := range []*client.ClientWithResponses{m.oc, m.mc} {
		again, _ := c.AddCreditsWithResponse(bg, "idem-a", key("order-1"), body)
		if again.JSON200 == nil || !bytes.Equal(bytes.TrimSpace(again.Body), bytes.TrimSpace(first.Body)) {
			t.Errorf("retry = %d %s\nfirst = %s", again.StatusCode(), again.Body, first.Body)
		}
	}
	if l := m.ledger("idem-a"); l.Total != 2 || m.balance("idem-a").CreditsRemaining != 40 {
		t.Errorf("after retries: %d entries, balance %d; want 2 and 40", l.Total, m.balance("idem-a").CreditsRemaining)
	}

	// Same key, different body: 422, nothing added.
	for _, other := range []client.AddCreditsRequest{{Credits: 31, Reason: ptr("retry me")}, {Credits: 30, Reason: ptr("something else")}, {Credits: 30}} {
		r, _ := m.oc.AddCreditsWithResponse(bg, "idem-a", key("order-1"), other)
		if r.StatusCode() != 422 || r.JSON422 == nil || !strings.Contains(r.JSON422.Detail, "Idempotency-Key") {
			t.Errorf("same key, body %+v = %d %s", other, r.StatusCode(), r.Body)
		}
	}
	// Another team may use the same key: its own first answer.
	ob, _ := m.oc.AddCreditsWithResponse(bg, "idem-b", key("order-1"), body)
	if ob.JSON200 == nil || ob.JSON200.TeamId != "idem-b" || ob.JSON200.Transaction.TransactionId == first.JSON200.Transaction.TransactionId ||
		ob.JSON200.CreditsRemaining != 40 {
		t.Errorf("same key on another team = %d %s", ob.StatusCode(), ob.Body)
	}
	// Another key on the same team is a new add.
	nk, _ := m.oc.AddCreditsWithResponse(bg, "idem-a", key("order-2"), body)
	if nk.JSON200 == nil || nk.JSON200.Transaction.TransactionId == first.JSON200.Transaction.TransactionId || nk.JSON200.CreditsRemaining != 70 {
		t.Errorf("new key = %d %s", nk.StatusCode(), nk.Body)
	}
	// Without a key, two identical requests add twice.
	m.add("idem-b", 1)
	m.add("idem-b", 1)
	if b := m.balance("idem-b"); b.CreditsRemaining != 42 {
		t.Errorf("idem-b balance = %d, want 42", b.CreditsRemaining)
	}
	// A key on an unknown team: 404, and the key is not burnt for anyone.
	nf, _ := m.oc.AddCreditsWithResponse(bg, "no-such-team", key("order-9"), body)
	mgStatus(t, "idempotent add to unknown team", nf.StatusCode(), 404, nf.Body)

	// Twenty concurrent sends of one request add once and all answer the same.
	const n = 20
	answers := make([][]byte, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := m.alternate(i).AddCreditsWithResponse(bg, "idem-a", key("burst"), client.AddCreditsRequest{Credits: 5})
			if err != nil {
				t.Errorf("burst %d: %v", i, err)
				return
			}
			if r.JSON200 == nil {
				t.Errorf("burst %d: %d %s", i, r.StatusCode(), r.Body)
				return
			}
			answers[i] = bytes.TrimSpace(r.Body)
		}()
	}
	wg.Wait()
	for i := 1; i < n; i++ {
		if !bytes.Equal(answers[i], answers[0]) {
			t.Errorf("burst answer %d differs:\n%s\n%s", i, answers[i], answers[0])
		}
	}
	if l := m.ledger("idem-a"); l.Total != 4 || m.balance("idem-a").CreditsRemaining != 75 {
		t.Errorf("after the burst: %d entries, balance %d; want 4 and 75", l.Total, m.balance("idem-a").CreditsRemaining)
	}
	adds, _ := m.audit("added_credits")
	if len(adds) != 6 { // order-1 on a, order-1 on b, order-2, two without key, burst
		t.Errorf("added_credits entries = %d, want 6", len(adds))
	}
}

// TestCreditsConcurrentAdds sends 50 simultaneous adds to three teams with a
// mix of JWTs and X-Admin-Key: every accepted add is in its team's ledger
// exactly once, the ledger is one unbroken chain, and the balance is the
// initial allocation plus everything added.
func TestCreditsConcurrentAdds(t *testing.T) {
	t.Parallel()
	m := newMgEnv(t)
	admin, _ := m.env.NewUser(m.owner, client.RoleAdmin)
	clients := []*client.ClientWithResponses{m.oc, m.mc, m.env.Client(apitest.Bearer(admin.Token)), m.env.Client(apitest.Bearer(apitest.MasterKey))}
	m.org("conc-org")
	teams := []string{"conc-1", "conc-2", "conc-3"}
	initial := map[string]int64{"conc-1": 100, "conc-2": 0, "conc-3": 7}
	for _, id := range teams {
		m.team("conc-org", id, initial[id])
	}

	const n = 50
	type result struct {
		team   string
		amount int64
		tx     string
		ok     bool
	}
	results := make([]result, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			team, amount := teams[i%3], int64(i+1)
			<-start
			r, err := clients[i%len(clients)].AddCreditsWithResponse(bg, team, nil, client.AddCreditsRequest{Credits: amount, Reason: ptr(fmt.Sprintf("concurrent %d", i))})
			if err != nil {
				t.Errorf("add %d: %v", i, err)
				return
			}
			if r.JSON200 == nil {
				t.Errorf("add %d: %d %s", i, r.StatusCode(), r.Body)
				return
			}
			results[i] = result{team, amount, r.JSON200.Transaction.TransactionId.String(), true}
		}()
	}
	close(start)
	wg.Wait()

	added := map[string]int64{}
	want := map[string]map[string]int64{} // team -> tx -> amount
	for _, r := range results {
		if !r.ok {
			continue
		}
		added[r.team] += r.amount
		if want[r.team] == nil {
			want[r.team] = map[string]int64{}
		}
		want[r.team][r.tx] = r.amount
	}
	for _, team := range teams {
		l := m.ledger(team)
		seen := map[string]int{}
		for _, e := range l.Transactions {
			seen[e.TransactionId.String()]++
		}
		for tx, amount := range want[team] {
			if seen[tx] != 1 {
				t.Errorf("%s: transaction %s (%d credits) appears %d times", team, tx, amount, seen[tx])
			}
		}
		entries := len(want[team])
		if initial[team] > 0 {
			entries++
		}
		if l.Total != entries || len(l.Transactions) != entries {
			t.Errorf("%s: %d ledger entries (total %d), want %d", team, len(l.Transactions), l.Total, entries)
		}
		mgCheckChain(t, team, l.Transactions)
		b := m.balance(team)
		if b.CreditsRemaining != initial[team]+added[team] || b.CreditsAllocated != initial[team]+added[team] {
			t.Errorf("%s: balance %+v, want %d", team, b, initial[team]+added[team])
		}
	}
	var total int64
	for _, a := range added {
		total += a
	}
	if total != n*(n+1)/2 {
		t.Errorf("accepted adds sum to %d, want %d", total, n*(n+1)/2)
	}
}
