package auth

import (
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"
	"github.com/lestrrat-go/jwx/v2/jwa"
	"github.com/lestrrat-go/jwx/v2/jwt"

	"github.com/saaslite/controlplane/internal/apperr"
)

func init() { BcryptCost = 4 }

func TestCheckNewPassword(t *testing.T) {
	cases := []struct {
		pw   string
		want bool
	}{
		{"", false},
		{"1234567", false},
		{"12345678", true},
		{"ééééééé", false}, // 7 runes
		{"éééééééé", true}, // 8 runes, 16 bytes
		{strings.Repeat("a", 72), true},
		{strings.Repeat("a", 73), false},
		{strings.Repeat("é", 37), false}, // 74 bytes
	}
	for _, c := range cases {
		err := CheckNewPassword(c.pw)
		if (err == nil) != c.want {
			t.Errorf("CheckNewPassword(%q) = %v, want ok=%v", c.pw, err, c.want)
		}
		if err != nil && !apperr.IsKind(err, apperr.KindValidation) {
			t.Errorf("CheckNewPassword(%q) kind = %v, want validation", c.pw, err)
		}
	}
}

func TestPasswordRoundTrip(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !VerifyPassword(h, "correct horse") {
		t.Error("right password refused")
	}
	if VerifyPassword(h, "correct horsE") {
		t.Error("wrong password accepted")
	}
	// A password that shares the first 72 bytes must not match.
	long := strings.Repeat("x", 72)
	h2, _ := HashPassword(long)
	if VerifyPassword(h2, long+"tail") {
		t.Error("bytes beyond 72 were ignored")
	}
}

func TestTokenRoundTrip(t *testing.T) {
	tk := NewTokens([]byte(strings.Repeat("k", 32)))
	want := AccessClaims{UserID: uuid.New(), SessionID: uuid.New(), Email: "a@b.c", Role: "owner"}
	raw, err := tk.Issue(want, time.Now().Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	got, err := tk.Verify(raw)
	if err != nil || got != want {
		t.Fatalf("Verify = %+v, %v; want %+v", got, err, want)
	}
}

func TestTokenRefusals(t *testing.T) {
	key := []byte(strings.Repeat("k", 32))
	tk := NewTokens(key)
	claims := AccessClaims{UserID: uuid.New(), SessionID: uuid.New()}
	good, _ := tk.Issue(claims, time.Now().Add(time.Hour))
	expired, _ := tk.Issue(claims, time.Now().Add(-time.Hour))
	otherKey, _ := NewTokens([]byte(strings.Repeat("o", 32))).Issue(claims, time.Now().Add(time.Hour))

	sign := func(b *jwt.Builder, alg jwa.SignatureAlgorithm, k any) string {
		tok, err := b.Build()
		if err != nil {
			t.Fatal(err)
		}
		s, err := jwt.Sign(tok, jwt.WithKey(alg, k))
		if err != nil {
			t.Fatal(err)
		}
		return string(s)
	}
	base := func() *jwt.Builder {
		return jwt.NewBuilder().Issuer(tokenIssuer).Audience([]string{tokenAudience}).
			Subject(claims.UserID.String()).IssuedAt(time.Now()).Expiration(time.Now().Add(time.Hour)).
			Claim(claimSession, claims.SessionID.String())
	}
	hs512 := sign(base(), jwa.HS512, key)
	wrongIss := sign(base().Issuer("evil"), jwa.HS256, key)
	wrongAud := sign(base().Audience([]string{"other"}), jwa.HS256, key)
	noSid := sign(jwt.NewBuilder().Issuer(tokenIssuer).Audience([]string{tokenAudience}).
		Subject(claims.UserID.String()).IssuedAt(time.Now()).Expiration(time.Now().Add(time.Hour)), jwa.HS256, key)
	badSub := sign(base().Subject("not-a-uuid"), jwa.HS256, key)
	parts := strings.Split(good, ".")
	noneAlg := "eyJhbGciOiJub25lIn0." + parts[1] + "."

	for name, raw := range map[string]string{
		"empty": "", "garbage": "invalid-token", "expired": expired, "other key": otherKey,
		"hs512": hs512, "issuer": wrongIss, "audience": wrongAud, "no sid": noSid,
		"bad subject": badSub, "alg none": noneAlg, "huge": strings.Repeat("a", 5000),
	} {
		if _, err := tk.Verify(raw); err != ErrBadToken {
			t.Errorf("%s: Verify err = %v, want ErrBadToken", name, err)
		}
	}
}

func TestSecrets(t *testing.T) {
	k1, p1 := NewTeamKey()
	k2, _ := NewTeamKey()
	if !strings.HasPrefix(k1, "sk-") || len(k1) < 3+43 || k1 == k2 || !strings.HasPrefix(k1, p1) {
		t.Fatalf("bad team keys %q %q", k1, k2)
	}
	if !EqualSecret("abc", "abc") || EqualSecret("abc", "abd") || EqualSecret("abc", "abcd") {
		t.Fatal("EqualSecret wrong")
	}
	if len(SHA256("x")) != 32 {
		t.Fatal("hash length")
	}
}

// FuzzVerify feeds arbitrary bearer strings to the token parser: it must never
// panic and must never accept anything it did not sign.
func FuzzVerify(f *testing.F) {
	tk := NewTokens([]byte(strings.Repeat("k", 32)))
	// Fixed ids: fuzz workers rebuild this in their own process and must
	// expect the claims of the seed tokens the coordinator sent them.
	issued := AccessClaims{UserID: uuid.MustParse("11111111-1111-4111-8111-111111111111"), SessionID: uuid.MustParse("22222222-2222-4222-8222-222222222222")}
	good, _ := tk.Issue(issued, time.Now().Add(time.Hour))
	for _, s := range []string{"", "a.b.c", "eyJhbGciOiJub25lIn0.e30.", good, good + "x", strings.ToUpper(good)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		// Only the issued claims may ever come out (base64 slack in the
		// signature segment can make another string carry the same token).
		if got, err := tk.Verify(raw); err == nil && got != issued {
			t.Fatalf("accepted a token it did not issue: %q", raw)
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	tk := NewTokens([]byte(strings.Repeat("k", 32)))
	raw, _ := tk.Issue(AccessClaims{UserID: uuid.New(), SessionID: uuid.New()}, time.Now().Add(time.Hour))
	for b.Loop() {
		if _, err := tk.Verify(raw); err != nil {
			b.Fatal(err)
		}
	}
}
