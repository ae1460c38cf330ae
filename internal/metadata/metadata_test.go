package metadata

import (
	"testing"

	"github.com/saaslite/controlplane/gen/api"
)

func TestRoundTrip(t *testing.T) {
	for _, in := range []*api.Metadata{nil, {}, {"a": 1.0, "b": []any{"x"}, "c": map[string]any{"d": true}}} {
		raw, err := Encode(in)
		if err != nil {
			t.Fatal(err)
		}
		out := Decode(raw)
		want := 0
		if in != nil {
			want = len(*in)
		}
		if len(out) != want {
			t.Errorf("Encode/Decode(%v) = %v", in, out)
		}
	}
	var nilMap api.Metadata
	if raw, _ := Encode(&nilMap); string(raw) != "{}" {
		t.Errorf("null metadata = %s", raw)
	}
	if got := Decode(nil); got == nil || len(got) != 0 {
		t.Errorf("Decode(nil) = %v", got)
	}
}
