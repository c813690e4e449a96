package browser

import "testing"

func TestTail_Write(t *testing.T) {
	tests := []struct {
		name   string
		writes []string
		want   string
	}{
		{name: "nothing", want: ""},
		{name: "short", writes: []string{"abc", "de"}, want: "abcde"},
		{name: "exactly full", writes: []string{"abcdefgh"}, want: "abcdefgh"},
		{name: "the end is kept", writes: []string{"abcdef", "ghij", "kl"}, want: "efghijkl"},
		{name: "one long write", writes: []string{"0123456789abcdef"}, want: "89abcdef"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tl := &tail{max: 8}
			for _, w := range tt.writes {
				if n, err := tl.Write([]byte(w)); n != len(w) || err != nil {
					t.Fatalf("Write(%q) = %d, %v; want %d, nil", w, n, err, len(w))
				}
			}
			if got := tl.String(); got != tt.want {
				t.Fatalf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
